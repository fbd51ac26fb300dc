-- Annotations without a message (written in the console or imported, not made from an answer) created
-- or changed in the window: they belong to no trace, so they are reported and never sent.
SELECT n.id, n.app_id
FROM message_annotations n
WHERE n.message_id IS NULL
  AND ((n.created_at >= :from AND n.created_at < :to) OR (n.updated_at >= :from AND n.updated_at < :to))
  AND (cardinality(:app_ids) = 0 OR n.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0
       OR EXISTS (SELECT 1 FROM apps a WHERE a.id = n.app_id AND a.tenant_id = ANY(:tenant_ids)))
ORDER BY n.created_at, n.id
