package dev.difyweave.backfill.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import javax.net.SocketFactory;

/**
 * A pgjdbc {@code socketFactory} that connects to PostgreSQL's Unix socket instead of TCP:
 * {@code <socketFactoryArg>/.s.PGSQL.<port>}, the port taken from the JDBC URL. Only the embedded
 * server uses it, for the one connection that sets its password (and zonky's readiness check before
 * that): the socket's directory is private to this OS user, so no other local user can reach it.
 * Reads do not time out (a blocking channel); one thread per connection, as pgjdbc uses it.
 */
public final class UnixSocketFactory extends SocketFactory {

    private final Path directory;

    /** @param directory the server's {@code unix_socket_directories} (pgjdbc's {@code socketFactoryArg}) */
    public UnixSocketFactory(String directory) {
        this.directory = Path.of(directory);
    }

    static Path socketPath(Path directory, int port) {
        return directory.resolve(".s.PGSQL." + port);
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(directory);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(port);
    }

    private Socket connected(int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved("localhost", port));
        return socket;
    }

    /** The {@link Socket} surface pgjdbc uses, over a Unix-domain {@link SocketChannel}; TCP options are no-ops. */
    private static final class UnixSocket extends Socket {

        private final Path directory;
        private SocketChannel channel;
        private int soTimeout;

        UnixSocket(Path directory) {
            this.directory = directory;
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress address)) {
                throw new IOException("expected host and port, got " + endpoint);
            }
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath(directory, address.getPort())));
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return Channels.newInputStream(open());
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return Channels.newOutputStream(open());
        }

        private SocketChannel open() throws IOException {
            if (channel == null || !channel.isOpen()) {
                throw new IOException("Unix socket is not connected");
            }
            return channel;
        }

        @Override
        public boolean isConnected() {
            return channel != null && channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return channel != null && !channel.isOpen();
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }

        @Override
        public void shutdownInput() throws IOException {
            open().shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            open().shutdownOutput();
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public boolean getTcpNoDelay() {
            return true;
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public boolean getKeepAlive() {
            return false;
        }

        @Override
        public synchronized void setSoTimeout(int timeout) {
            soTimeout = timeout;
        }

        @Override
        public synchronized int getSoTimeout() {
            return soTimeout;
        }

        @Override
        public synchronized void setSendBufferSize(int size) {
        }

        @Override
        public synchronized int getSendBufferSize() {
            return 65536;
        }

        @Override
        public synchronized void setReceiveBufferSize(int size) {
        }

        @Override
        public synchronized int getReceiveBufferSize() {
            return 65536;
        }

        @Override
        public String toString() {
            return "UnixSocket[" + directory + "]";
        }
    }
}
