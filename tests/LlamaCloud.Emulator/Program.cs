using System.Net;
using LlamaCloud.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// LlamaCloud chat API emulator: see ../EMULATOR-SPEC.md for the contract.
// stdout carries exactly one line (EMULATOR_URL=...); callers parse it, so nothing else may print there.

EmulatorOptions options;
try { options = EmulatorOptions.Parse(args); }
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("usage: LlamaCloud.Emulator [--port 0] [--api-key KEY] [--parent-pid PID] [--exit-on-stdin-eof] [--https-cert PFX] [--ignore-interrupt]");
    return 2;
}

// A parent that is already gone (crashed test run): don't even bind.
if (options.ParentPid is int parent && !ProcessWatch.IsAlive(parent)) return 0;

// Args are not handed to the builder: ours are not ASP.NET configuration keys.
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders(); // no ASP.NET logs anywhere (stdout is reserved)
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
if (options.IgnoreInterrupt) builder.Services.AddSingleton<IHostLifetime, InterruptIgnoringLifetime>();
// Hung requests end on ApplicationStopping; don't let a stray one hold shutdown for 30 s.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? presignedListen = null;
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(IPAddress.Loopback, options.Port); // loopback only; overrides ASPNETCORE_URLS
    k.Listen(IPAddress.Loopback, 0, o => presignedListen = o); // the presigned-URL listener: another origin
    if (options.HttpsCertificate != null) HttpsListener.Listen(k, options.HttpsCertificate);
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = null;   // PUT /_emulator/sessions may upload 70 MB sessions
    k.Limits.MinResponseDataRate = null;  // slow readers (benchmark under load) are not an error here
});

var app = builder.Build();
var em = new Emulator(options.ApiKey);
var stopping = app.Lifetime.ApplicationStopping;

// The presigned-URL listener's port answers nothing else (PresignedListener.cs).
app.Use((ctx, next) => ctx.Connection.LocalPort == em.Presigned.Port && em.Presigned.Port != 0 ? em.Presigned.HandleAsync(ctx) : next(ctx));
app.Use((ctx, next) => ctx.Request.Path.StartsWithSegments("/api")
    ? ChatEndpoints.HandleAsync(ctx, em, stopping)
    : next(ctx));
ControlEndpoints.Map(app, em);
StreamEndpoints.MapControl(app, em);
em.Presigned.Map(app);
OtlpReceiver.Map(app); // OTLP/HTTP trace receiver for Export-LlamaChatTrace tests
var taps = new Dictionary<string, Wiretap>();
WiretapEndpoints.Map(app, taps);

await app.StartAsync();
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
em.Presigned.Port = presignedListen!.IPEndPoint!.Port;
var address = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.EndsWith(":" + em.Presigned.Port, StringComparison.Ordinal));
if (options.HttpsCertificate != null) HttpsListener.AnnounceAndTap(addresses, address, em.ApiKey, taps);
Console.Out.WriteLine($"EMULATOR_PRESIGNED_URL={em.Presigned.BaseUrl}");
Console.Out.WriteLine($"EMULATOR_URL={address}");
Console.Out.Flush();

ProcessWatch.Start(options, app.Lifetime);
await app.WaitForShutdownAsync();
return 0;
