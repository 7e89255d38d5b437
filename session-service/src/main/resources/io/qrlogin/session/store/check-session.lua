-- Whether a session is live, and its use counted as activity, in one step: a session past its absolute
-- deadline or idle longer than its idle timeout is not live, whatever its token says.
-- KEYS[1] the session hash
-- ARGV[1] the token id (jti) that must be the session's; '' for any (the OpenID Provider's touch by sid)
-- ARGV[2] now (epoch ms)   ARGV[3] lastSeenAt is written at most once per this many ms (a write per call
--         would turn every read of a busy session into a write)
-- Returns 1 when live, 0 otherwise.
local f = redis.call('HMGET', KEYS[1], 'jti', 'lastSeenAt', 'idle', 'deadline')
if not f[1] then return 0 end
if ARGV[1] ~= '' and f[1] ~= ARGV[1] then return 0 end
local now = tonumber(ARGV[2])
if f[4] and now >= tonumber(f[4]) then return 0 end
if f[2] and f[3] and now >= tonumber(f[2]) + tonumber(f[3]) then return 0 end
if f[2] and now - tonumber(f[2]) >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[2])
end
return 1
