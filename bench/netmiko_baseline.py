#!/usr/bin/python3
"""The per-command cost of a netmiko-based worker (as NetPulse's), on one simulated cisco_ios device.

Prints one JSON object: warm (one kept connection) and cold (connect, command, disconnect) latencies in ms.
Uses Debian's python3-netmiko (apt-get install python3-netmiko).
"""
import argparse
import json
import statistics
import time

from netmiko import ConnectHandler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--warm", type=int, default=20, help="commands on one kept connection")
    parser.add_argument("--cold", type=int, default=5, help="connect-command-disconnect rounds")
    args = parser.parse_args()
    device = {"device_type": "cisco_ios", "host": args.host, "port": args.port,
              "username": "admin", "password": "admin", "secret": "secret"}

    warm = []
    connection = ConnectHandler(**device)
    connection.send_command("show version")  # the first command pays for the prompt discovery
    for _ in range(args.warm):
        start = time.perf_counter()
        connection.send_command("show version")
        warm.append((time.perf_counter() - start) * 1000)
    connection.disconnect()

    cold = []
    for _ in range(args.cold):
        start = time.perf_counter()
        connection = ConnectHandler(**device)
        connection.send_command("show version")
        connection.disconnect()
        cold.append((time.perf_counter() - start) * 1000)

    print(json.dumps({"warm_p50_ms": statistics.median(warm), "cold_p50_ms": statistics.median(cold),
                      "warm_samples": len(warm), "cold_samples": len(cold)}))


if __name__ == "__main__":
    main()
