#!/usr/bin/env python3
"""The Python MCP SDK (PyPI `mcp`) against `rtkql mcp --sandbox`: over stdio, initialize, list tools and
resources, run `query` on the sandbox's recordings, get isError with the CLI's message for a bad statement,
be refused a mutation; with --allow-mutations, see `execute` listed; and the same over streamable HTTP.
Run by MCPClientTests with RTKQL_BINARY set; exits non-zero on the first mismatch."""
import asyncio
import json
import os
import re
import subprocess
import sys

from mcp import Client, StdioServerParameters

RTKQL = os.environ["RTKQL_BINARY"]
ACCOUNT = "c0ffee00c0ffee00c0ffee00c0ffee00"
APP = "a11ce000-0000-4000-8000-000000000001"
GROUPED = ("SELECT status, COUNT(*) AS recordings FROM cloudflare.realtime_kit.recordings "
           "WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' GROUP BY status ORDER BY status")
EXPECTED_GROUPS = json.loads(os.environ["EXPECTED_GROUPS"])
READ_ONLY_TOOLS = ["query", "list_resources", "describe_resource", "explain"]


def expect(condition, message, detail=""):
    if not condition:
        print(f"FAIL: {message}\n{detail}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def text_of(result):
    return "\n".join(block.text for block in result.content if block.type == "text")


async def check_read_only(client, transport):
    expect(client.server_info.name == "rtkql", f"{transport}: initialize names the server", repr(client.server_info))
    tools = [tool.name for tool in (await client.list_tools()).tools]
    expect(tools == READ_ONLY_TOOLS, f"{transport}: the read-only tools are listed, no execute", repr(tools))

    result = await client.call_tool("query", {"sql": GROUPED})
    expect(not result.is_error, f"{transport}: query runs", text_of(result))
    expect(result.structured_content["rows"] == EXPECTED_GROUPS, f"{transport}: query returns the sandbox's rows as JSON",
           repr(result.structured_content))
    expect(json.loads(result.content[1].text) == EXPECTED_GROUPS, f"{transport}: the JSON text block has the same rows",
           result.content[1].text)
    expect(f"{len(EXPECTED_GROUPS)} rows" in result.content[0].text and "| status" in result.content[0].text,
           f"{transport}: a text table with the row count", result.content[0].text)

    result = await client.call_tool("query", {"sql": "SELEC 1"})
    expect(result.is_error and text_of(result).startswith("error: syntax error at 1:1: "),
           f"{transport}: a bad statement is an error with the CLI's message (line:column)", text_of(result))

    result = await client.call_tool("query", {"sql": "SELECT id FROM cloudflare.realtime_kit.recordings"})
    expect(result.is_error and "account_id" in text_of(result),
           f"{transport}: a missing required parameter is an error naming it", text_of(result))

    result = await client.call_tool("query", {"sql": f"DELETE FROM cloudflare.realtime_kit.recordings WHERE account_id = '{ACCOUNT}'"})
    expect(result.is_error and "--allow-mutations" in text_of(result), f"{transport}: a mutation is refused, naming --allow-mutations",
           text_of(result))

    result = await client.call_tool("query", {"sql": "SELECT length(randomblob(900000000))"})
    expect(result.is_error and text_of(result) == "error: SQL error: string or blob too big",
           f"{transport}: a statement that allocates without bound fails for this client only", text_of(result))
    result = await client.call_tool("query", {"sql": "SELECT 1 AS one"})
    expect(result.structured_content["rows"] == [{"one": 1}], f"{transport}: the session goes on after it", text_of(result))

    resources = sorted(resource.uri for resource in (await client.list_resources()).resources)
    expect(resources == ["rtkql://catalog", "rtkql://docs/sql-dialect"], f"{transport}: the catalogue and the dialect are resources",
           repr(resources))
    dialect = (await client.read_resource("rtkql://docs/sql-dialect")).contents[0].text
    expect(dialect.startswith("# The rtkql SQL dialect"), f"{transport}: the dialect document reads", dialect[:80])


async def stdio():
    params = StdioServerParameters(command=RTKQL, args=["mcp", "--sandbox"])
    async with Client(params, mode="legacy") as client:
        await check_read_only(client, "stdio")
    params = StdioServerParameters(command=RTKQL, args=["mcp", "--sandbox", "--allow-mutations"])
    async with Client(params, mode="legacy") as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        expect(list(tools) == READ_ONLY_TOOLS + ["execute"], "stdio --allow-mutations: execute is listed", repr(list(tools)))
        expect("CHANGES REAL CLOUDFLARE" in tools["execute"].description, "execute says what it changes",
               tools["execute"].description)
        result = await client.call_tool("query", {"sql": f"DELETE FROM cloudflare.realtime_kit.recordings WHERE account_id = '{ACCOUNT}'"})
        expect(result.is_error and "send it to the execute tool" in text_of(result), "query still refuses a mutation, pointing to execute",
               text_of(result))


def malformed_input():
    server = subprocess.Popen([RTKQL, "mcp", "--sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        server.stdin.write("not json\n" + json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}) + "\n")
        server.stdin.flush()
        error = json.loads(server.stdout.readline())
        expect(error.get("error", {}).get("code") == -32700, "stdio: a line that is not JSON gets a parse error", repr(error))
        answer = json.loads(server.stdout.readline())
        expect(answer.get("id") == 1 and answer["result"]["serverInfo"]["name"] == "rtkql",
               "stdio: the server goes on and answers initialize", repr(answer))
        server.stdin.close()
        expect(server.wait(timeout=30) == 0, "stdio: the server ends when the client closes its input")
    finally:
        if server.poll() is None:
            server.kill()


def terminated():
    server = subprocess.Popen([RTKQL, "mcp", "--sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        expect("serving over stdio" in server.stderr.readline(), "stdio: the server starts")
        server.terminate()
        try:
            server.wait(timeout=30)
            stopped = True
        except subprocess.TimeoutExpired:
            stopped = False
        expect(stopped, "stdio: SIGTERM ends the server while its client is still connected")
    finally:
        if server.poll() is None:
            server.kill()


async def http():
    server = subprocess.Popen([RTKQL, "mcp", "--sandbox", "--http", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        match = re.search(r"listening on (http://\S+)", line)
        expect(match is not None, "the HTTP server says where it listens", line)
        async with Client(match.group(1), mode="legacy") as client:
            await check_read_only(client, "http")
    finally:
        server.terminate()
        server.wait(timeout=30)


asyncio.run(stdio())
malformed_input()
terminated()
asyncio.run(http())
