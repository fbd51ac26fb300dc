-- The next :limit messages with a rating or a linked annotation after :after, in message id order, each
-- with whether the window sends its feedback (wanted): created in the window or, with :changed (a sync),
-- of any age with a rating or annotation created or changed (updated_at) in the window; its app and
-- workspace in the filters; the message row still there. The ids come from the two index scans
-- (message_feedback_message_idx, message_annotation_message_idx), each stopping after :limit distinct ids,
-- so a page costs the same wherever it is in the history, with or without planner statistics; the
-- caller moves on from the last id even when none of the page is wanted.
WITH next_ids AS (
    SELECT message_id FROM (
        (SELECT DISTINCT f.message_id FROM message_feedbacks f
         WHERE f.message_id > :after ORDER BY f.message_id LIMIT :limit)
        UNION
        (SELECT DISTINCT n.message_id FROM message_annotations n
         WHERE n.message_id > :after ORDER BY n.message_id LIMIT :limit)
    ) both_tables
    ORDER BY message_id
    LIMIT :limit
)
SELECT i.message_id AS id, m.created_at,
       COALESCE(m.id IS NOT NULL
           AND (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
           AND (cardinality(:tenant_ids) = 0
                OR EXISTS (SELECT 1 FROM apps a WHERE a.id = m.app_id AND a.tenant_id = ANY(:tenant_ids)))
           AND ((m.created_at >= :from AND m.created_at < :to)
                OR (:changed AND (
                    EXISTS (SELECT 1 FROM message_feedbacks f WHERE f.message_id = i.message_id
                            AND ((f.updated_at >= :from AND f.updated_at < :to)
                                 OR (f.created_at >= :from AND f.created_at < :to)))
                    OR EXISTS (SELECT 1 FROM message_annotations n WHERE n.message_id = i.message_id
                               AND ((n.updated_at >= :from AND n.updated_at < :to)
                                    OR (n.created_at >= :from AND n.created_at < :to)))))), false) AS wanted
FROM next_ids i
LEFT JOIN messages m ON m.id = i.message_id
ORDER BY i.message_id
