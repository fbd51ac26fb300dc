-- Operators' corrected answers linked to a page of messages (message_annotation_message_idx), with the
-- account that wrote them as Dify shows it: its name, else its email, else its id when the account is
-- gone (annotator_found says whether it was there).
SELECT n.id, n.app_id, n.conversation_id, n.message_id, n.question, n.content, n.account_id,
       COALESCE(NULLIF(a.name, ''), NULLIF(a.email, ''), n.account_id::text) AS annotated_by,
       a.id IS NOT NULL AS annotator_found,
       n.created_at, n.updated_at
FROM message_annotations n
LEFT JOIN accounts a ON a.id = n.account_id
WHERE n.message_id = ANY(:ids)
ORDER BY n.message_id, n.created_at, n.id
