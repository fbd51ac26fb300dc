-- Feature settings of easy-UI apps, as the conversation used them (JSON in text columns).
SELECT c.id, c.sensitive_word_avoidance, c.suggested_questions_after_answer
FROM app_model_configs c
WHERE c.id = ANY(:ids)
