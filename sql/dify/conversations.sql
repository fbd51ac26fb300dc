-- Conversations of a page of messages: the mode tags the message trace, the config holds moderation.
SELECT c.id, c.mode, c.app_model_config_id
FROM conversations c
WHERE c.id = ANY(:ids)
