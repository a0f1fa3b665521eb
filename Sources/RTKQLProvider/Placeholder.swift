enum ProviderPlaceholder {}
