using System.Net;
using System.Net.Sockets;

namespace WganService.Api.Tests.Outage;

/// <summary>
/// A TCP port that accepts connections and never answers: what a hung database host or a dropped
/// network route looks like to a client, where a stopped server would refuse at once.
/// </summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _accepted = [];
    private readonly Task _accepting;

    public SilentServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Accepted { get { lock (_accepted) return _accepted.Count; } }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_accepted) _accepted.Add(socket); // held open, never read from or written to
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_accepted) foreach (var socket in _accepted) socket.Dispose();
    }
}
