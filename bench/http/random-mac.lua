-- Each request asks for one of the seeded machines' iPXE scripts, chosen at random.
math.randomseed(os.time())
request = function()
  local n = math.random(0, 9999)
  return wrk.format("GET", string.format("/ipxe?mac=02:fb:00:00:%02x:%02x&arch=x86_64&platform=efi", math.floor(n / 256), n % 256))
end
