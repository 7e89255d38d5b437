-- End a claimed session if its time is really up: past its absolute deadline, or idle longer than its
-- idle timeout (it may have been used since it was scheduled). Only the call that deletes it gets
-- 'expired', so its end is announced once.
-- KEYS[1] the session hash
-- ARGV[1] now (epoch ms)
-- Returns {} when it has already ended, {'live', next deadline (epoch ms)} when not due,
-- {'expired', sub, clientId} when this call ended it.
local f = redis.call('HMGET', KEYS[1], 'sub', 'clientId', 'lastSeenAt', 'idle', 'deadline')
if not f[1] then return {} end
local now = tonumber(ARGV[1])
local due = f[5] and tonumber(f[5]) or nil
if f[3] and f[4] then
  local idleAt = tonumber(f[3]) + tonumber(f[4])
  if not due or idleAt < due then due = idleAt end
end
if due and now < due then
  return { 'live', string.format('%d', due) }
end
redis.call('DEL', KEYS[1])
return { 'expired', f[1], f[2] or '' }
