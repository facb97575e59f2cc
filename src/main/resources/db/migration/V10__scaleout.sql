-- One polling intake at a time: an ingress without a webhook long-polls only while it holds its bot's row here.
-- A holder renews expires_at (epoch millis) well before it passes; another takes the row only once it has.
CREATE TABLE intake_lease (
    bot_id BIGINT NOT NULL PRIMARY KEY,
    holder VARCHAR(200) NOT NULL,
    expires_at BIGINT NOT NULL
);
