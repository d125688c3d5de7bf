using System.Globalization;

namespace LlamaCloud.Emulator;

/// <summary>Command line: --port 0 --api-key KEY --parent-pid PID --exit-on-stdin-eof [--https-cert PFX] [--ignore-interrupt].</summary>
sealed record EmulatorOptions(int Port, string ApiKey, int? ParentPid, bool ExitOnStdinEof)
{
    /// <summary>--https-cert: a PFX (no password); adds an https listener and wiretaps (see Wiretap).</summary>
    public string? HttpsCertificate { get; init; }

    /// <summary>--ignore-interrupt: Ctrl+C (SIGINT) at the terminal that started the emulator does not stop it (see InterruptIgnoringLifetime).</summary>
    public bool IgnoreInterrupt { get; init; }

    /// <summary>--name value or --name=value. Throws FormatException on anything unknown.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        var o = new EmulatorOptions(0, "emulator-key", null, false);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq > 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            string Value() => value ?? (++i < args.Length ? args[i] : throw new FormatException($"{name} needs a value"));
            int Int() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new FormatException($"{name} needs a number");
            o = name.ToLowerInvariant() switch
            {
                "--port" => o with { Port = Int() is var p and <= 65535 ? p : throw new FormatException("--port out of range") },
                "--api-key" => o with { ApiKey = Value() },
                "--parent-pid" => o with { ParentPid = Int() },
                "--exit-on-stdin-eof" => o with { ExitOnStdinEof = true },
                "--https-cert" => o with { HttpsCertificate = Value() },
                "--ignore-interrupt" => o with { IgnoreInterrupt = true },
                _ => throw new FormatException($"unknown argument '{args[i]}'"),
            };
        }
        return o;
    }
}
