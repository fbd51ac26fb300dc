-- One page of the messages whose feedback a window sends, in message id order after :after (driven by
-- message_feedback_message_idx and message_annotation_message_idx): messages created in the window
-- with a rating or a linked annotation and, with :changed (a sync), messages of any age with a rating
-- or annotation created or changed (updated_at) in the window. Neither feedback table has an index on
-- updated_at, so a sync reads them whole; they are small beside messages. A rating whose message is
-- gone has no call to go on and is not listed.
SELECT m.id, m.created_at
FROM (
    SELECT f.message_id, f.created_at, f.updated_at FROM message_feedbacks f WHERE f.message_id > :after
    UNION ALL
    SELECT n.message_id, n.created_at, n.updated_at FROM message_annotations n WHERE n.message_id > :after
) x
JOIN messages m ON m.id = x.message_id
WHERE (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0
       OR EXISTS (SELECT 1 FROM apps a WHERE a.id = m.app_id AND a.tenant_id = ANY(:tenant_ids)))
  AND ((m.created_at >= :from AND m.created_at < :to)
       OR (:changed AND ((x.updated_at >= :from AND x.updated_at < :to)
                         OR (x.created_at >= :from AND x.created_at < :to))))
GROUP BY m.id, m.created_at
ORDER BY m.id
LIMIT :limit
