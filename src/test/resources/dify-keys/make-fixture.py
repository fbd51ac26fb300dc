# Makes private.pem and ciphertexts.properties (python3 with the "cryptography" package), run in this
# directory. EAX is implemented here over cryptography's CMAC and AES-CTR; running the script first prints
# its check against the EAX paper's test vectors (True for each), then writes a new key and ciphertexts.
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
def omac(k, t, m):
    c = CMAC(algorithms.AES(k)); c.update(bytes(15)+bytes([t])+m); return c.finalize()
def eax_encrypt(k, n, h, m):
    n2 = omac(k,0,n); h2 = omac(k,1,h)
    enc = Cipher(algorithms.AES(k), modes.CTR(n2)).encryptor()
    c = enc.update(m)+enc.finalize()
    c2 = omac(k,2,c)
    tag = bytes(a^b^d for a,b,d in zip(n2,c2,h2))
    return c, tag
if __name__ == "__main__":
    for key,nonce,hdr,msg,exp in [
      ("233952DEE4D5ED5F9B9C6D6FF80FF478","62EC67F9C3A4A407FCB2A8C49031A8B3","6BFB914FD07EAE6B","","E037830E8389F27B025A2D6527E79D01"),
      ("91945D3F4DCBEE0BF45EF52255F095A4","BECAF043B0A23D843194BA972C66DEBD","FA3BFD4806EB53FA","F7FB","19DD5C4C9331049D0BDAB0277408F67967E5"),
      ("01F74AD64077F2E704C0F60ADA3DD523","70C3DB4F0D26368400A10ED05D2BFF5E","234A3463C1264AC6","1A47CB4933","D851D5BAE03A59F238A23E39199DC9266626C40F80"),
    ]:
        c,t = eax_encrypt(bytes.fromhex(key),bytes.fromhex(nonce),bytes.fromhex(hdr),bytes.fromhex(msg))
        print((c+t).hex().upper()==exp, (c+t).hex().upper())
import base64, os, sys
from cryptography.hazmat.primitives.asymmetric import rsa, padding
from cryptography.hazmat.primitives import serialization, hashes
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
open("private.pem","wb").write(pem)
oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)
def hybrid(text):
    aes = os.urandom(16); nonce = os.urandom(16)
    c, tag = eax_encrypt(aes, nonce, b"", text.encode())
    return base64.b64encode(b"HYBRID:" + key.public_key().encrypt(aes, oaep) + nonce + tag + c).decode()
def legacy(text):
    return base64.b64encode(key.public_key().encrypt(text.encode(), oaep)).decode()
with open("ciphertexts.properties","w") as f:
    f.write("# Made by a Python implementation (cryptography's RSA-OAEP, CMAC and AES-CTR; EAX checked against the\n")
    f.write("# EAX paper's vectors) as Dify's api/libs/rsa.py does, with private.pem (PKCS#1, as pycryptodome exports it).\n")
    f.write("hybrid.plaintext=test-key-0123456789abcdef\n")
    f.write("hybrid.ciphertext=" + hybrid("test-key-0123456789abcdef") + "\n")
    f.write("legacy.plaintext=legacy-key-0042\n")
    f.write("legacy.ciphertext=" + legacy("legacy-key-0042") + "\n")
