-- Which of these ratings still exist (primary key): a sync purges from Weave the feedback of ratings
-- Dify has deleted (it deletes the row when a rating is withdrawn).
SELECT f.id FROM message_feedbacks f WHERE f.id = ANY(:ids)
