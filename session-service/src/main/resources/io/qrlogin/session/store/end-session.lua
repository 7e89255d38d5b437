-- End a session if it is the one the caller names, and say what it was: only the call that deletes it
-- gets an answer, so exactly one caller announces its end. Running it twice changes nothing.
-- KEYS[1] the session hash
-- ARGV[1] the token id (jti) it must name, '' for any   ARGV[2] the user (sub) it must belong to, '' for any
-- Returns {} when there was no such session, else {jti, exp (epoch s), sub, clientId}.
local f = redis.call('HMGET', KEYS[1], 'jti', 'exp', 'sub', 'clientId')
if not f[1] then return {} end
if ARGV[1] ~= '' and f[1] ~= ARGV[1] then return {} end
if ARGV[2] ~= '' and f[3] ~= ARGV[2] then return {} end
redis.call('DEL', KEYS[1])
return { f[1], f[2], f[3], f[4] }
