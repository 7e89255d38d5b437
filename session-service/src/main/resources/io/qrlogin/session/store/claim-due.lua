-- Claim the sessions whose deadline has passed, for one sweeper among many: each claimed entry is pushed
-- a lease into the future in the same step, so no other sweeper sees it until the lease runs out (and one
-- whose sweeper died is claimed again then).
-- KEYS[1] the sorted set of sessions by deadline (epoch ms)
-- ARGV[1] now (epoch ms)   ARGV[2] lease (ms)   ARGV[3] how many at most
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local leased = tonumber(ARGV[1]) + tonumber(ARGV[2])
for i = 1, #due do
  redis.call('ZADD', KEYS[1], leased, due[i])
end
return due
