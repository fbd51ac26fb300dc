-- Files of a page of messages (message_file_message_idx), for file_list (C3).
SELECT f.id, f.message_id, f.type, f.transfer_method, f.url, f.upload_file_id, f.belongs_to
FROM message_files f
WHERE f.message_id = ANY(:ids)
ORDER BY f.message_id, f.created_at, f.id
