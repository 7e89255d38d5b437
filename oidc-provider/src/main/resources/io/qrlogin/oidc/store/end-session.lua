-- Ends a session at the provider: marks it ended (no authorization joins it from now on) and hands
-- out the ids of the authorizations it had, forgetting them. Ending it twice hands out nothing more.
-- KEYS[1] the session's index (sorted set), KEYS[2] the session's ended marker (same slot)
-- ARGV[1] how long the marker lives (milliseconds)
-- Returns the authorization ids.
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return ids
