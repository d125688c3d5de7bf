using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;

namespace LlamaCloud.Emulator;

/// <summary>All mutable emulator state; each part does its own locking.</summary>
sealed class Emulator(string apiKey)
{
    public string ApiKey { get; } = apiKey;
    public SessionStore Sessions { get; } = new();
    public FaultList Faults { get; } = new();
    public RequestLog Requests { get; } = new();
    public Latency Latency { get; } = new();
    /// <summary>The presigned-URL listener of attachments (another port).</summary>
    public PresignedListener Presigned { get; } = new();
    /// <summary>How chat turns are streamed (POST /_emulator/stream).</summary>
    public StreamScript Stream { get; set; } = StreamScript.Default;
    /// <summary>/api requests currently running (lets tests see that a hang ended).</summary>
    public int InFlight;

    /// <summary>POST /_emulator/reset. The ses-gen cache survives: it is deterministic and costly.</summary>
    public void Reset()
    {
        Sessions.Reset();
        Faults.Clear();
        Requests.Clear();
        Latency.Reset();
        Presigned.Reset();
        Stream = StreamScript.Default;
    }
}

/// <summary>
/// The request target as the client sent it. Session ids come from here, not from routing:
/// ASP.NET leaves %2F encoded in Request.Path but decodes everything else, so an id like
/// "a/b" (sent as a%2Fb) could not be told apart from a real path separator.
/// </summary>
static class RawTarget
{
    /// <returns>raw target (path + query, encoded) and its path part (still encoded).</returns>
    public static (string Target, string Path) Get(HttpContext ctx)
    {
        var target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/') target = ctx.Request.GetEncodedPathAndQuery(); // absolute-form etc.
        int q = target.IndexOf('?');
        return (target, q < 0 ? target : target[..q]);
    }

    /// <summary>Percent-decodes exactly once ("%252F" becomes "%2F", '+' stays '+').</summary>
    public static string Decode(string s) => Uri.UnescapeDataString(s);
}
