using System.Collections;
using System.Management.Automation;
using System.Security;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Commands
{
    // The redaction parameters are declared once, here. Export-LlamaChatSession and Sync-LlamaChatArchive do not derive
    // from this: the archive is byte for byte the server's response and stays raw.
    /// <summary>
    /// The cmdlets whose output leaves for other people (transcripts, traces): sessions, ids or turns in, and the
    /// redaction parameters (-Redact, -RedactPattern, -RedactionKey).
    /// </summary>
    public abstract class RedactableOutputCmdlet : SessionSourceCmdlet
    {
        private RedactionTally? _run;
        private int _outputs;

        /// <summary>Replace personal data and secrets in everything written (text, tool arguments and results, titles,
        /// errors) with stable pseudonyms such as [EMAIL:3f2a9c0b1d4e]: e-mail addresses, phone numbers, payment card
        /// numbers (Luhn-checked), IBANs (checksum), IPv4 and IPv6 addresses, bearer tokens and API keys (LlamaCloud's
        /// llx- keys among them). JSON stays valid JSON. What was replaced, per rule and never the values, is written
        /// with -Verbose and attached to the output as its Redaction property. See docs/redaction.md.</summary>
        [Parameter]
        public SwitchParameter Redact { get; set; }

        /// <summary>Your own rules, tried before the built-in ones: names and .NET regular expressions, e.g.
        /// @{ Ticket = 'TCK-[0-9]{6}'; Employee = '(?i)emp[0-9]{4}' }; each match becomes [TICKET:…]. Case-sensitive
        /// unless the expression says (?i). Implies -Redact.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? RedactPattern { get; set; }

        /// <summary>The secret that the pseudonyms are made with (HMAC-SHA256): with the same key, the same value gets the
        /// same pseudonym in every file and every run, so redacted outputs can still be joined. Without it, a random key of
        /// this run only. A SecureString or a plain string. Implies -Redact.</summary>
        [Parameter]
        [SecureStringTransformation(Subject = Messages.RedactionKeySubject)]
        [ValidateNotNull]
        public SecureString? RedactionKey { get; set; }

        /// <summary>True when any redaction parameter was given.</summary>
        internal bool Redacting => Redact || RedactPattern != null || RedactionKey != null;

        /// <summary>The run's engine; null without redaction.</summary>
        internal TextRedactor? Redactor { get; private set; }

        /// <summary>What the whole run replaced, in the outputs written so far.</summary>
        internal RedactionTally? RunTally => _run;

        /// <summary>Builds the engine from the parameters (a terminating error for a bad pattern: nothing is written unredacted).</summary>
        private protected void BeginRedaction()
        {
            if (!Redacting || Redactor != null) return;
            Redactor = RedactionSetup.Create(this, RedactPattern, RedactionKey);
            _run = Redactor.NewTally();
        }

        /// <summary>A redaction for one output; null without redaction.</summary>
        private protected SessionRedaction? NewRedaction() => Redactor == null ? null : new SessionRedaction(Redactor, Shown);

        /// <summary>The texts this cmdlet's output shows (with its switches): only those are redacted, and counted.</summary>
        private protected abstract ShownFields Shown { get; }

        /// <summary>The output of <paramref name="redaction"/> was written: its counts join the run's.</summary>
        private protected void Commit(SessionRedaction? redaction)
        {
            if (redaction == null) return;
            _run!.Merge(redaction.Tally);
            _outputs++;
        }

        /// <summary>The run's summary as verbose lines, and a warning for each pattern that timed out.</summary>
        private protected void EndRedaction(string outputNoun)
        {
            if (Redactor == null) return;
            foreach (var line in Redaction.Messages.Summary(_run!.Summary(), _outputs, outputNoun)) WriteVerbose(line);
            foreach (var name in Redactor.TimedOutPatterns()) WriteWarning(Redaction.Messages.TimedOut(name));
        }

        /// <summary><paramref name="output"/> with a Redaction property (the summary rows of <paramref name="tally"/>).</summary>
        internal static PSObject WithRedaction(object output, RedactionTally? tally)
        {
            var ps = output as PSObject ?? PSObject.AsPSObject(output);
            if (tally != null)
            {
                ps.Properties.Remove("Redaction");
                ps.Properties.Add(new PSNoteProperty("Redaction", tally.Summary()));
            }
            return ps;
        }

        /// <inheritdoc />
        private protected override void OnDisposing()
        {
            Redactor?.Dispose();
            Redactor = null;
            base.OnDisposing();
        }
    }
}
