-- Feature settings of chatflow workflows (workflows.features, JSON text): moderation, suggestions.
SELECT w.id, w.features
FROM workflows w
WHERE w.id = ANY(:ids)
