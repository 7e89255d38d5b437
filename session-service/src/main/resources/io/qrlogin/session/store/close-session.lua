-- End a session, if it is still the one the token names. Running it twice changes nothing.
-- KEYS[1] the session hash
-- ARGV[1] the token id (jti)
if redis.call('HGET', KEYS[1], 'jti') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
