-- Saves an authorization document if nobody saved it since it was read (compare-and-set on its
-- version), so two uses of one code or refresh token cannot both succeed.
-- KEYS[1] the authorization's hash
-- ARGV[1] the version it was read at ('' for a new authorization, which must not exist yet)
-- ARGV[2] the new version, ARGV[3] the document, ARGV[4] the hash of its refresh token ('' for none),
-- ARGV[5] its time to live in milliseconds
-- Returns 1, or nil when the version moved on.
local current = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '' then
  if current then
    return nil
  end
elseif current ~= ARGV[1] then
  return nil
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'document', ARGV[3], 'refresh', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
