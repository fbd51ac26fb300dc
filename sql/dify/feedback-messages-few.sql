-- The messages whose feedback a window sends, read in one query when they are few (a quiet sync, a short
-- window): the caller asks for one row more than a page and, when that many come, walks every message
-- with feedback in pages instead (feedback-messages-page.sql). The same messages as there: created in the
-- window with a rating or a linked annotation (message_created_at_id_idx, then one probe each: the cost
-- of the window's messages, which the message step has just read) and, with :changed (a sync), of any age
-- with a rating or annotation created or changed in the window (one pass over message_feedbacks and
-- message_annotations: Dify has no index on their times); their app and workspace in the filters; the
-- message row still there. UNION ALL, so that rows stream and the LIMIT ends the scans early; a message
-- may come more than once, and the caller takes it once.
SELECT m.id, m.created_at
FROM messages m
WHERE m.created_at >= :from AND m.created_at < :to
  AND (EXISTS (SELECT 1 FROM message_feedbacks f WHERE f.message_id = m.id)
       OR EXISTS (SELECT 1 FROM message_annotations n WHERE n.message_id = m.id))
  AND (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0
       OR EXISTS (SELECT 1 FROM apps a WHERE a.id = m.app_id AND a.tenant_id = ANY(:tenant_ids)))
UNION ALL
SELECT m.id, m.created_at
FROM (SELECT f.message_id FROM message_feedbacks f
      WHERE :changed AND ((f.updated_at >= :from AND f.updated_at < :to)
                          OR (f.created_at >= :from AND f.created_at < :to))
      UNION ALL
      SELECT n.message_id FROM message_annotations n
      WHERE :changed AND n.message_id IS NOT NULL
        AND ((n.updated_at >= :from AND n.updated_at < :to) OR (n.created_at >= :from AND n.created_at < :to))
     ) changed
JOIN messages m ON m.id = changed.message_id
WHERE (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0
       OR EXISTS (SELECT 1 FROM apps a WHERE a.id = m.app_id AND a.tenant_id = ANY(:tenant_ids)))
LIMIT :limit
