-- Add a session to its user's index, drop the sessions that expired, and keep the index as long as
-- its longest-lived session. Running it twice changes nothing.
-- KEYS[1] the user's index (sorted set: session id -> expiry, epoch s)
-- ARGV[1] session id   ARGV[2] its expiry (epoch s)   ARGV[3] now (epoch s)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #last == 2 then
  redis.call('EXPIREAT', KEYS[1], last[2])
end
return redis.call('ZCARD', KEYS[1])
