namespace F2.Hosting.Mosquitto;

/// <summary>What an MQTT account may do on the broker.</summary>
public enum MosquittoRole
{
    /// <summary>A pipeline service (Ingest, Simulator): may read and write every device topic, <c>cmnd/#</c>.</summary>
    Service,

    /// <summary>A controller: may use only its own topics, <c>cmnd/&lt;user name&gt;/#</c>.</summary>
    Device,
}

/// <summary>An account in the generated password file. A device's user name is its device id (<c>f2-&lt;mac&gt;</c>).</summary>
public sealed record MosquittoUser(string Name, string Password, MosquittoRole Role)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Name} ({Role})";
}
