-- Input: the agency's caption bank. caption_key (caption_key_v2 of the text) de-duplicates it.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_bank (
  caption_id INT64 NOT NULL,
  caption_text STRING NOT NULL,
  caption_key STRING,                 -- caption_key_v2(caption_text)
  caption_type STRING NOT NULL,       -- PPV or BUMP: which slots it can fill
  content_category STRING,            -- e.g. solo, bg, tease, custom, lingerie
  price_tier STRING,                  -- LOW, MID, HIGH, PREMIUM
  suggested_price FLOAT64,            -- USD, PPV captions only
  has_urgency BOOL,
  psychological_trigger STRING,       -- scarcity, curiosity, exclusivity, urgency, reciprocity, social_proof
  is_active BOOL NOT NULL,
  created_at TIMESTAMP
)
CLUSTER BY caption_type, content_category;
