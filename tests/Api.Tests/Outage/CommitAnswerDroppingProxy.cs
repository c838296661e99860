using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WganService.Api.Tests.Outage;

/// <summary>
/// A TCP proxy in front of PostgreSQL that loses one commit's answer. Once armed with a marker, the
/// first transaction on any connection that sends SQL containing the marker and then COMMIT has its
/// COMMIT delivered; the server's answer, which it sends only once the commit is durable, is swallowed
/// and both sides of the connection are cut. The client sees a broken connection for a transaction
/// that was stored. Everything else passes through untouched. It reads the plain protocol only (the
/// test cluster offers no TLS, so Npgsql falls back to plain text).
/// </summary>
internal sealed class CommitAnswerDroppingProxy : IAsyncDisposable
{
    // A simple-protocol Query message: 'Q', its length (4 + 7) and "COMMIT\0", which is how Npgsql commits.
    private static readonly byte[] Commit = [(byte)'Q', 0, 0, 0, 11, .. "COMMIT\0"u8];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly Task _accepting;
    private readonly List<TcpClient> _open = [];
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _marker;

    public CommitAnswerDroppingProxy(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when a commit's answer has been dropped.</summary>
    public Task Dropped => _dropped.Task;

    public void Arm(string marker) => Volatile.Write(ref _marker, Encoding.UTF8.GetBytes(marker));

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_open) _open.AddRange([client, server]);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort);
            var connection = new Connection();
            var toServer = ForwardRequestsAsync(client.GetStream(), server.GetStream(), connection);
            var toClient = ForwardAnswersAsync(server.GetStream(), client.GetStream(), connection);
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // A side closed: close the other (below).
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task ForwardRequestsAsync(Stream from, Stream to, Connection connection)
    {
        var buffer = new byte[64 * 1024];
        var tail = Array.Empty<byte>();
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            // Searched with the end of the previous read, so a pattern split across two reads is still seen.
            var window = tail.Concat(buffer.Take(read)).ToArray();
            if (Volatile.Read(ref _marker) is { } marker && EndsInNewBytes(window, marker, tail.Length)) connection.SawMarker = true;
            if (EndsInNewBytes(window, Commit, tail.Length))
            {
                // Set before the COMMIT goes out, so the answer cannot overtake it.
                if (connection.SawMarker && Interlocked.Exchange(ref _marker, null) is not null) connection.DropAnswer = true;
                connection.SawMarker = false;
            }
            await to.WriteAsync(buffer.AsMemory(0, read));
            tail = window[Math.Max(0, window.Length - 256)..];
        }
    }

    /// <summary>Whether the pattern occurs in the window other than wholly inside the part already searched.</summary>
    private static bool EndsInNewBytes(byte[] window, byte[] pattern, int searched) =>
        window.AsSpan(Math.Max(0, searched - pattern.Length + 1)).IndexOf(pattern) >= 0;

    private async Task ForwardAnswersAsync(Stream from, Stream to, Connection connection)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            if (connection.DropAnswer)
            {
                _dropped.TrySetResult();
                return; // The relay then cuts both sides.
            }
            await to.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_open) foreach (var socket in _open) socket.Dispose();
    }

    private sealed class Connection
    {
        public volatile bool SawMarker;
        public volatile bool DropAnswer;
    }
}
