-- Which of these annotations still exist with a message (primary key): a sync purges from Weave the
-- feedback of annotations Dify has deleted or unlinked from their message.
SELECT n.id FROM message_annotations n WHERE n.id = ANY(:ids) AND n.message_id IS NOT NULL
