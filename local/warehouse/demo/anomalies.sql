-- Plants the flaws real exports have, deterministically (by hash of seed and message id), and
-- records each in eros_scheduling_brain_hidden.planted_anomalies so tests can find them.
-- Parameters: $seed BIGINT.
CREATE OR REPLACE TEMP TABLE gen_pick AS
SELECT message_id, message_type, hash(xor(hash($seed::UBIGINT), hash(message_id))) AS h
FROM eros_scheduling_brain.mass_messages;

-- Rare flaws: a few rows each, picked as the smallest hashes (disjoint ranks).
CREATE OR REPLACE TEMP TABLE gen_rare AS
SELECT message_id,
  CASE
    WHEN r <= 3 THEN 'null_page_name'
    WHEN r <= 5 THEN 'negative_count'
    WHEN r <= 7 THEN 'purchased_gt_sent'
    WHEN r <= 9 THEN 'null_viewed'
    WHEN r <= 11 THEN 'null_earnings'
  END AS kind
FROM (SELECT message_id, row_number() OVER (ORDER BY h, message_id) AS r FROM gen_pick WHERE message_type = 'PPV')
WHERE r <= 11;

-- Common flaws: about 0.5 % of rows lost their caption id, about 1 % of PPVs say 'ppv'.
INSERT INTO eros_scheduling_brain_hidden.planted_anomalies
SELECT message_id, kind FROM gen_rare
UNION ALL
SELECT message_id, 'caption_id_null' FROM gen_pick
WHERE h % 200 = 0 AND message_id NOT IN (SELECT message_id FROM gen_rare)
UNION ALL
SELECT message_id, 'lowercase_type' FROM gen_pick
WHERE h % 100 = 1 AND message_type = 'PPV' AND message_id NOT IN (SELECT message_id FROM gen_rare);

UPDATE eros_scheduling_brain.mass_messages m SET page_name = NULL
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'null_page_name';
UPDATE eros_scheduling_brain.mass_messages m SET viewed_count = -viewed_count - 1, sent_count = -3
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'negative_count';
UPDATE eros_scheduling_brain.mass_messages m SET purchased_count = m.sent_count + 17
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'purchased_gt_sent';
UPDATE eros_scheduling_brain.mass_messages m SET viewed_count = NULL
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'null_viewed';
UPDATE eros_scheduling_brain.mass_messages m SET earnings = NULL
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'null_earnings';
-- Text kept, id lost: the caption can only be recovered through caption_key_v2 of the text.
UPDATE eros_scheduling_brain.mass_messages m SET caption_id = NULL
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'caption_id_null';
UPDATE eros_scheduling_brain.mass_messages m SET message_type = lower(m.message_type)
FROM eros_scheduling_brain_hidden.planted_anomalies a WHERE a.message_id = m.message_id AND a.kind = 'lowercase_type';
