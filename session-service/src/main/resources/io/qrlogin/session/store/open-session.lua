-- Write a session and let it expire with its token, in one step: a crash between the two can leave
-- no session that lives forever.
-- KEYS[1] the session hash
-- ARGV[1] when the token expires (epoch ms)   ARGV[2..] field, value, field, value, ...
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
return 1
