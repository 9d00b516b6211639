namespace F2.Simulator.Models;

/// <summary>What one connector (<c>J1</c> to <c>J4</c>) of a model is wired for: its mode and its components.</summary>
internal abstract record ConnectorLayout(string Connector, string Mode)
{
    /// <summary>The components on this connector, in topic order.</summary>
    public abstract IReadOnlyList<Component> Components { get; }
}
