-- Adds an authorization to its session's index before the authorization itself is saved, unless the
-- session has ended: every live authorization of a session is then in its index, whatever fails
-- between the two writes (an id whose authorization is gone is skipped when the session ends).
-- KEYS[1] the session's index (sorted set), KEYS[2] the session's ended marker (same slot)
-- ARGV[1] the authorization's id, ARGV[2] when it expires (epoch milliseconds), ARGV[3] now (epoch ms)
-- Returns 1, or 0 when the session has ended.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
return 1
