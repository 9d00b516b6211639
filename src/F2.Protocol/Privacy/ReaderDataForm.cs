namespace F2.Protocol.Privacy;

/// <summary>How reader texts are stored (<c>../shared/spec/f2-privacy.md</c>, section 3).</summary>
public enum ReaderDataForm
{
    /// <summary>As the keyed hash of <see cref="ReaderKey.StoredForm"/>: the default.</summary>
    Hmac,

    /// <summary>As decoded, in the clear: an explicit opt-out.</summary>
    Plain,
}
