-- Mint a ticket: refuse if the id exists, write every field, set the lifetime.
-- KEYS[1] the ticket hash
-- ARGV[1] client id   ARGV[2] S256 challenge   ARGV[3] browser IP   ARGV[4] browser User-Agent
-- ARGV[5] pending lifetime (ms)   ARGV[6] tombstone lifetime (ms) while nobody has scanned it (short)
-- ARGV[7] '1' when the client requires number matching, else '0'
-- ARGV[8] the Origin of the page that asked ('' when the caller sent none)
-- ARGV[9] the ticket's kind: 'browser' or 'device'
-- Returns {outcome, detail, expiredNow, changed, now, field1, value1, ...}

if redis.replicate_commands then redis.replicate_commands() end

local key = KEYS[1]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local nowText = string.format('%d', now)

if redis.call('EXISTS', key) == 1 then
  return { 'REJECTED', 'qr_conflict', '0', '0', nowText }
end

local pendingTtl, tombstoneTtl = tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('HSET', key,
  'state', 'PENDING',
  'clientId', ARGV[1],
  'challenge', ARGV[2],
  'ip', ARGV[3],
  'userAgent', ARGV[4],
  'createdAt', nowText,
  'updatedAt', nowText,
  'expiresAt', string.format('%d', now + pendingTtl),
  'kind', ARGV[9])
if ARGV[7] == '1' then
  redis.call('HSET', key, 'numberMatching', '1')
end
if ARGV[8] and ARGV[8] ~= '' then
  redis.call('HSET', key, 'origin', ARGV[8])
end
redis.call('PEXPIRE', key, pendingTtl + tombstoneTtl)

local result = { 'APPLIED', 'PENDING', '0', '1', nowText }
local fields = redis.call('HGETALL', key)
for i = 1, #fields do result[#result + 1] = fields[i] end
return result
