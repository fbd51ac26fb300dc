-- Ratings of a page of messages (message_feedback_message_idx), with who gave them as Dify shows it:
-- an account's name (else its email), an end user's session_id; the id itself when that row is gone
-- (creator_found says whether it was there). Dify deletes a row when its rating is withdrawn.
SELECT f.id, f.app_id, f.conversation_id, f.message_id, f.rating, f.content, f.from_source,
       f.from_end_user_id, f.from_account_id, f.created_at, f.updated_at,
       CASE
           WHEN f.from_account_id IS NOT NULL
               THEN COALESCE(NULLIF(a.name, ''), NULLIF(a.email, ''), f.from_account_id::text)
           WHEN f.from_end_user_id IS NOT NULL
               THEN COALESCE(NULLIF(u.session_id, ''), f.from_end_user_id::text)
       END AS creator,
       CASE
           WHEN f.from_account_id IS NOT NULL THEN a.id IS NOT NULL
           WHEN f.from_end_user_id IS NOT NULL THEN u.id IS NOT NULL
           ELSE false
       END AS creator_found
FROM message_feedbacks f
LEFT JOIN accounts a ON a.id = f.from_account_id
LEFT JOIN end_users u ON u.id = f.from_end_user_id
WHERE f.message_id = ANY(:ids)
ORDER BY f.message_id, f.created_at, f.id
