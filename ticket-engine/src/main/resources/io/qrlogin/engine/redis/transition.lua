-- One atomic transition of one ticket: expire if due, check verifier, owner and state, write, set TTL.
-- KEYS[1] the ticket hash
-- ARGV[1] command   ARGV[2] actor subject ('' for the browser)   ARGV[3] actor name
-- ARGV[4] presented S256 challenge ('' unless the command requires the verifier)
-- ARGV[5] confirmed lifetime (ms)   ARGV[6] tombstone lifetime (ms)
-- ARGV[7] tombstone lifetime (ms) of a ticket that ends without ever being scanned (short: nobody acted on it)
-- ARGV[8] match code: for SCAN the code to keep if the ticket requires number matching, for CONFIRM
--         the code the user typed ('' when none); ignored by the other commands
-- ARGV[9] for SCAN, '1' when this login requires number matching even if the ticket was minted without it
--         (the app's and the browser's networks differ); ignored by the other commands
-- ARGV[10] for SCAN, '1' or '0': whether the app was on the browser's network, kept by the first scan for
--         the session the ticket becomes ('' or absent: not judged); ignored by the other commands
-- Returns {outcome, detail, expiredNow, changed, now, field1, value1, ...}
-- The rules table below is generated from TransitionRules.java; do not edit it here.

-- Redis < 7 needs effects replication to write after reading TIME; later versions always do it.
if redis.replicate_commands then redis.replicate_commands() end

--RULES--

local key = KEYS[1]
local command, actor, actorName, presented, matchCode = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[8]
local confirmedTtl, tombstoneTtl, unscannedTombstoneTtl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local nowText = string.format('%d', now)

local function reply(outcome, detail, expiredNow, changed)
  local result = { outcome, detail, expiredNow, changed, nowText }
  local fields = redis.call('HGETALL', key)
  for i = 1, #fields do result[#result + 1] = fields[i] end
  return result
end

-- Constant time for equal lengths: the loop never exits early.
local function same(expected, actual)
  if not expected or #expected ~= #actual then return false end
  local diff = 0
  for i = 1, #expected do
    diff = bit.bor(diff, bit.bxor(string.byte(expected, i), string.byte(actual, i)))
  end
  return diff == 0
end

local state = redis.call('HGET', key, 'state')
if not state then
  return { 'REJECTED', 'qr_not_found', '0', '0', nowText }
end

local expiredNow = '0'
if not TERMINAL[state] and now >= tonumber(redis.call('HGET', key, 'expiresAt')) then
  -- A ticket nobody scanned keeps only a short tombstone: a flood of minted, never-used tickets must
  -- not hold Redis memory for minutes.
  local ttl = (state == 'PENDING') and unscannedTombstoneTtl or tombstoneTtl
  state = 'EXPIRED'
  redis.call('HSET', key, 'state', state, 'updatedAt', nowText)
  redis.call('PEXPIRE', key, ttl)
  expiredNow = '1'
end

if VERIFIED[command] and not same(redis.call('HGET', key, 'challenge'), presented) then
  -- Refused and counted by the caller, never held against the ticket: a verifier has 256 bits, so
  -- guessing cannot succeed, and burning the ticket would let anyone who saw the QR code end the
  -- real browser's login.
  return reply('REJECTED', 'invalid_verifier', expiredNow, '0')
end

local subject = redis.call('HGET', key, 'subject')
local relation = 'NONE'
if subject and actor ~= '' then
  relation = (subject == actor) and 'SAME' or 'OTHER'
end

local decision = RULES[command][state][relation]
local kind, target = string.sub(decision, 1, 1), string.sub(decision, 3)
if kind == 'R' then
  return reply('REJECTED', target, expiredNow, '0')
end
if kind == 'K' then
  return reply('APPLIED', state, expiredNow, expiredNow)
end

local numberMatching = redis.call('HGET', key, 'numberMatching') == '1'
if command == 'SCAN' and ARGV[9] == '1' and not numberMatching then
  -- Decided by the first scan only: a repeat is a Keep above and cannot add or drop it.
  redis.call('HSET', key, 'numberMatching', '1')
  numberMatching = true
end
local expectedCode = redis.call('HGET', key, 'matchCode')
if command == 'CONFIRM' and numberMatching and (not expectedCode or #expectedCode ~= 2 or not same(expectedCode, matchCode)) then
  -- Number matching (RFC 8628 §3.3.1): a wrong or missing code ends the login, so a user lured into
  -- scanning a code shown on someone else's screen cannot confirm it by guessing.
  redis.call('HSET', key, 'state', 'CANCELLED', 'updatedAt', nowText)
  redis.call('PEXPIRE', key, tombstoneTtl)
  return reply('REJECTED', 'match_code_mismatch', expiredNow, '1')
end

redis.call('HSET', key, 'state', target, 'updatedAt', nowText)
if command == 'SCAN' and numberMatching and #matchCode == 2 then
  redis.call('HSET', key, 'matchCode', matchCode)
end
if not subject and actor ~= '' then
  redis.call('HSET', key, 'subject', actor, 'subjectName', actorName)
  if command == 'SCAN' and (ARGV[10] == '1' or ARGV[10] == '0') then
    redis.call('HSET', key, 'sameNetwork', ARGV[10])
  end
end
if TERMINAL[target] then
  redis.call('PEXPIRE', key, tombstoneTtl)
elseif target == 'SCANNED' and state == 'PENDING' then
  -- Someone acted on the ticket: from now on it keeps the full tombstone (minted with a short one).
  redis.call('PEXPIRE', key, math.max(0, tonumber(redis.call('HGET', key, 'expiresAt')) - now) + tombstoneTtl)
elseif target == 'CONFIRMED' then
  redis.call('HSET', key, 'confirmedAt', nowText, 'expiresAt', string.format('%d', now + confirmedTtl))
  redis.call('PEXPIRE', key, confirmedTtl + tombstoneTtl)
end
return reply('APPLIED', target, expiredNow, '1')
