-- End users of a page: session_id is what live Dify sends as the user id.
SELECT u.id, u.session_id
FROM end_users u
WHERE u.id = ANY(:ids)
