-- Which accounts of a page exist (orphan references are recorded as problems).
SELECT a.id
FROM accounts a
WHERE a.id = ANY(:ids)
