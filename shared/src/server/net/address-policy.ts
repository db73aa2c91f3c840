import ipaddr from 'ipaddr.js';

/*
 * Which IP addresses a server (a hub, the aggregator) may fetch from on someone else's
 * behalf. Pure: no I/O, no Node built-ins.
 *
 * IPv4 is a deny-list of the special-purpose ranges (IANA's registry). IPv6 is an
 * allow-list: only global unicast (2000::/3) minus its special-purpose blocks; the rest
 * of the IPv6 space is loopback, link-local, unique-local, multicast or unassigned.
 * Addresses that embed an IPv4 address (IPv4-mapped, NAT64) are judged by that address.
 */

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

type Block = [ipaddr.IPv4 | ipaddr.IPv6, number, string];

function blocks(list: readonly (readonly [string, string])[]): Block[] {
  return list.map(([cidr, name]) => {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    return [address, bits, name];
  });
}

const IPV4_DENIED = blocks([
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  // 240/4 is reserved; 255.255.255.255 (broadcast) lies inside it.
  ['240.0.0.0/4', 'reserved or broadcast'],
]);

const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const IPV6_DENIED = blocks([
  // IETF assignments: Teredo (2001::/32), benchmarking, ORCHID; Teredo tunnels to any IPv4 host.
  ['2001::/23', 'IETF protocol assignments'],
  ['2001:db8::/32', 'documentation'],
  // 6to4 embeds an IPv4 address a relay will reach, private ones included.
  ['2002::/16', '6to4'],
  ['3fff::/20', 'documentation'],
]);

const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

function matchBlock(address: ipaddr.IPv4 | ipaddr.IPv6, list: readonly Block[]): string | undefined {
  for (const [network, bits, name] of list) {
    if (address.kind() === network.kind() && address.match(network, bits)) return name;
  }
  return undefined;
}

function checkIPv4(address: ipaddr.IPv4, prefix = ''): AddressVerdict {
  const denied = matchBlock(address, IPV4_DENIED);
  return denied === undefined ? { allowed: true } : { allowed: false, range: `${prefix}${denied}` };
}

function checkIPv6(address: ipaddr.IPv6): AddressVerdict {
  if (address.isIPv4MappedAddress()) return checkIPv4(address.toIPv4Address(), 'IPv4-mapped ');
  if (address.match(NAT64)) {
    const [a = 0, b = 0] = address.parts.slice(6);
    return checkIPv4(new ipaddr.IPv4([a >> 8, a & 0xff, b >> 8, b & 0xff]), 'NAT64 ');
  }
  if (!address.match(IPV6_GLOBAL_UNICAST)) return { allowed: false, range: address.range() === 'unicast' ? 'not global unicast' : address.range() };
  const denied = matchBlock(address, IPV6_DENIED);
  return denied === undefined ? { allowed: true } : { allowed: false, range: denied };
}

/** Whether a server may connect to `address` (an IPv4 or IPv6 literal, as DNS or a socket reports it). */
export function checkAddress(address: string): AddressVerdict {
  // A zone id (fe80::1%eth0) only ever appears on link-local addresses: refused with them.
  if (!ipaddr.isValid(address)) return { allowed: false, range: 'not an IP address' };
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? checkIPv4(parsed as ipaddr.IPv4) : checkIPv6(parsed as ipaddr.IPv6);
}

export function isPublicAddress(address: string): boolean {
  return checkAddress(address).allowed;
}
