using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LlamaCloud.Emulator;

/// <summary>
/// --https-cert: a second loopback listener speaking TLS with the given certificate (the tests make a self-signed
/// one and trust it in the client process through SSL_CERT_FILE), plus a wiretap in front of each listener.
/// Extra lines on stdout, before EMULATOR_URL: EMULATOR_HTTPS_URL, EMULATOR_HTTPS_TAP_URL, EMULATOR_HTTP_TAP_URL.
/// </summary>
static class HttpsListener
{
    public static void Listen(KestrelServerOptions k, string pfxPath)
    {
        var cert = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
        k.Listen(IPAddress.Loopback, 0, lo => lo.UseHttps(cert));
    }

    public static void AnnounceAndTap(ICollection<string> addresses, string httpAddress, string apiKey, Dictionary<string, Wiretap> taps)
    {
        var https = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
        var httpsTap = new Wiretap(new Uri(https).Port, apiKey);
        var httpTap = new Wiretap(new Uri(httpAddress).Port, apiKey);
        taps["https"] = httpsTap;
        taps["http"] = httpTap;
        Console.Out.WriteLine($"EMULATOR_HTTPS_URL={https}");
        Console.Out.WriteLine($"EMULATOR_HTTPS_TAP_URL=https://127.0.0.1:{httpsTap.Port}");
        Console.Out.WriteLine($"EMULATOR_HTTP_TAP_URL=http://127.0.0.1:{httpTap.Port}");
    }
}
