package jp.sukedachi.app.selfcheck;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.assets.Asset;
import jp.sukedachi.app.selfcheck.assets.AssetRepository;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The company's information-asset ledger as other capabilities may read it: its entries' ids and names, through the
 * actor's scope (another company's entry is not found). The LAN device inventory links a device to an entry.
 */
@Component
public class AssetLedger {
    /** One ledger entry: its id, its name and who looks after it. */
    public record Entry(UUID id, String name, String ownerName) {
    }

    private final AssetRepository assets;

    AssetLedger(AssetRepository assets) {
        this.assets = assets;
    }

    public List<Entry> entries(Actor actor, UUID tenantId) {
        return assets.findByTenant(actor, tenantId).stream().map(AssetLedger::entry).toList();
    }

    /** The entry when it exists, the actor may see it and it belongs to {@code tenantId}. */
    public Optional<Entry> find(Actor actor, UUID tenantId, UUID id) {
        return assets.find(actor, id).filter(a -> a.tenantId().equals(tenantId)).map(AssetLedger::entry);
    }

    private static Entry entry(Asset a) {
        return new Entry(a.id(), a.name(), a.ownerName());
    }
}
