using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlamaCloud.Emulator;

/// <summary>
/// A TCP relay in front of one of the emulator's listeners that records what crossed it: connections, bytes, and
/// whether the emulator's API key went through in clear text (either direction). Put behind a proxy, it sees exactly
/// the bytes the proxy forwards, so a test can prove the proxy never had the key (https through CONNECT) and, on the
/// plain-http tap, that the detector does see a key sent in clear.
/// </summary>
sealed class Wiretap
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly int _targetPort;
    readonly byte[] _needle;
    long _bytes;
    int _connections;
    int _keySeen;

    public Wiretap(int targetPort, string apiKey)
    {
        _targetPort = targetPort;
        _needle = Encoding.ASCII.GetBytes(apiKey);
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Reset()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _keySeen, 0);
    }

    public void Write(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("port", Port);
        w.WriteNumber("connections", Volatile.Read(ref _connections));
        w.WriteNumber("bytes", Interlocked.Read(ref _bytes));
        w.WriteBoolean("key_seen", Volatile.Read(ref _keySeen) != 0);
        w.WriteEndObject();
    }

    async Task AcceptLoop()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception) { return; }
            _ = Relay(client);
        }
    }

    async Task Relay(TcpClient client)
    {
        Interlocked.Increment(ref _connections);
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort);
                var a = Pump(client.GetStream(), server.GetStream());
                var b = Pump(server.GetStream(), client.GetStream());
                // One side closing shuts down the other direction (see Pump); give the rest a moment to drain.
                var first = await Task.WhenAny(a, b);
                await Task.WhenAny(first == a ? b : a, Task.Delay(5000));
            }
            catch (Exception) { /* a dropped connection ends the relay; nothing to record */ }
        }
    }

    async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16384 + _needle.Length];
        int carried = 0; // the tail of the previous read, so a key split across reads is still found
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buffer.AsMemory(carried, buffer.Length - carried - _needle.Length + 1));
                if (n == 0) break;
                Interlocked.Add(ref _bytes, n);
                await to.WriteAsync(buffer.AsMemory(carried, n));
                int total = carried + n;
                if (buffer.AsSpan(0, total).IndexOf(_needle) >= 0) Interlocked.Exchange(ref _keySeen, 1);
                carried = Math.Min(_needle.Length - 1, total);
                Buffer.BlockCopy(buffer, total - carried, buffer, 0, carried);
            }
        }
        catch (Exception) { }
        finally
        {
            try { to.Socket.Shutdown(SocketShutdown.Send); } catch (Exception) { }
        }
    }
}

/// <summary>GET /_emulator/wiretap (what each tap saw), POST /_emulator/wiretap/reset.</summary>
static class WiretapEndpoints
{
    public static void Map(WebApplication app, IReadOnlyDictionary<string, Wiretap> taps)
    {
        app.MapGet("/_emulator/wiretap", ctx => HttpOut.SendJsonAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            foreach (var (name, tap) in taps)
            {
                w.WritePropertyName(name);
                tap.Write(w);
            }
            w.WriteEndObject();
        }));
        app.MapPost("/_emulator/wiretap/reset", ctx =>
        {
            foreach (var tap in taps.Values) tap.Reset();
            return HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
    }
}
