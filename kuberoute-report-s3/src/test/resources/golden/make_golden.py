#!/usr/bin/env python3
"""Writes the golden state reports with the original's own serialiser.

The original kuberoute wrote its report with
json.dumps(report, sort_keys=True, indent=4, separators=(',', ': ')) and uploaded the UTF-8
bytes (no trailing newline). The dictionaries below are written by hand from the schema (the
original's keys plus kuberoute's additions), so the Java renderer is checked against Python's
json module itself, not against a copy of its own output. Run from this directory:
python3 make_golden.py
"""
import json


def dump(name, report):
    with open(name, 'wb') as f:
        f.write(json.dumps(report, sort_keys=True, indent=4, separators=(',', ': ')).encode('utf-8'))


def a(*targets):
    return {'type': 'A', 'ttl': 60, 'targets': list(targets)}


# S3TestSupport.knownCluster() synced at 2026-11-25T10:15:30Z: 3 nodes, node-3 cordoned;
# node-1's ExternalIP 203.0.113.1 is published (node_address = auto), node-2 has only 10.0.0.2.
nodes = {
    'node-1': {'ready': True, 'schedulable': True},
    'node-2': {'ready': True, 'schedulable': True},
    'node-3': {'ready': True, 'schedulable': False},
}
services = {
    # 2 of 3 nodes serve it: 66.67 % truncated to 66, quota 50 met
    'shop.example.com': {
        'current_quota': 66, 'endpoints': ['10.0.0.2', '203.0.113.1'], 'healthy': True, 'quota': 50,
        'service': 'default/shop', 'failover_active': False, 'published': [a('10.0.0.2', '203.0.113.1')]},
    # 1 of 3: quota 50 missed, failover is an IP: an A record
    'api.example.com': {
        'current_quota': 33, 'endpoints': ['203.0.113.1'], 'healthy': False, 'quota': 50,
        'service': 'default/api', 'failover_active': True, 'published': [a('198.51.100.7')]},
    # no live pod, quota 0 (met), failover is a host name: a CNAME
    'status.example.com': {
        'current_quota': 0, 'endpoints': [], 'healthy': True, 'quota': 0,
        'service': 'default/status', 'failover_active': True,
        'published': [{'type': 'CNAME', 'ttl': 60, 'targets': ['status-backup.example.net']}]},
    # the pod on the cordoned node-3 is not live: 1 of 3, quota 50 missed, no failover: remaining address
    'blog.example.org': {
        'current_quota': 33, 'endpoints': ['10.0.0.2'], 'healthy': False, 'quota': 50,
        'service': 'web/blog', 'failover_active': False, 'published': [a('10.0.0.2')]},
    # no pod, no failover: nothing published
    'gone.example.org': {
        'current_quota': 0, 'endpoints': [], 'healthy': True, 'quota': 0,
        'service': 'web/gone', 'failover_active': False, 'published': []},
}
quota_error = "service web/broken: label kuberoute_quota: quota '80%' is not a whole number 0..100"

dump('known-cluster.json', {
    'apiserver_available': True,
    'nodes': nodes,
    'services': services,
    'last_sync': '2026-11-25T10:15:30Z',
    'errors': [quota_error],
})

# The next sync cannot reach the API server: the last known nodes and services, flagged.
dump('api-unreachable.json', {
    'apiserver_available': False,
    'nodes': nodes,
    'services': services,
    'last_sync': '2026-11-25T10:15:30Z',
    'errors': ['kubernetes API server https://10.96.0.1:443 unreachable: connect timed out'],
})

# Strings that need escaping, non-ASCII text, empty containers, a missing last_sync.
dump('escaping.json', {
    'apiserver_available': True,
    'nodes': {},
    'services': {
        'x.example.com': {
            'current_quota': 100, 'endpoints': [], 'healthy': True, 'quota': 100,
            'service': 'caf\u00e9/\u65e5\u672c', 'failover_active': False, 'published': []},
    },
    'last_sync': None,
    'errors': [
        'quote " backslash \\ slash / tab \t newline \n return \r',
        'backspace \b formfeed \f nul \x00 unit separator \x1f delete \x7f tilde ~',
        'caf\u00e9 \u00fc\u00df \u65e5\u672c \u20ac \U0001f600 \ufeff',
    ],
})
