-- A device's poll of the token endpoint (RFC 8628 §3.5): allowed once per interval; a poll that comes
-- sooner is answered slow_down and adds five seconds to the interval, for this and every later poll.
-- KEYS[1] the device code's pacing hash
-- ARGV[1] the initial interval (ms)   ARGV[2] the step a too-early poll adds (ms)
-- ARGV[3] how long the hash lives (ms): the device code's lifetime
-- ARGV[4] leeway (ms): how much sooner than the interval a poll may arrive (network jitter)
-- Returns {1, interval} when the poll may go on, {0, interval} for slow_down

if redis.replicate_commands then redis.replicate_commands() end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(redis.call('HGET', KEYS[1], 'interval') or ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local allowed = 1
if last > 0 and now < last + interval - tonumber(ARGV[4]) then
  interval = interval + tonumber(ARGV[2])
  allowed = 0
end
redis.call('HSET', KEYS[1], 'interval', string.format('%d', interval), 'last', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { allowed, interval }
