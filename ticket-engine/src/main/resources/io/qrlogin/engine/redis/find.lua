-- Read a ticket with the server's clock, so every instance agrees on whether it has expired.
-- KEYS[1] the ticket hash
-- Returns {now, field1, value1, ...}, or {now} when there is no such ticket.
local time = redis.call('TIME')
local result = { string.format('%d', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)) }
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields do result[#result + 1] = fields[i] end
return result
