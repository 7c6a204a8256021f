package jp.sukedachi.app.selfcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.policy.PolicyDocuments;
import jp.sukedachi.app.selfcheck.policy.PolicyRepository;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The company's policy documents as PDF, for other capabilities (the data export of issue 17): the basic policy
 * and the internal rules, as the policy pages render them. Read through the caller's scope.
 */
@Component
public class PolicyPdfs {
    private final PolicyRepository policies;
    private final PolicyDocuments documents;

    PolicyPdfs(PolicyRepository policies, PolicyDocuments documents) {
        this.policies = policies;
        this.documents = documents;
    }

    /** One document: a file name without folder, and the PDF. */
    public record Document(String fileName, byte[] pdf) {
    }

    /** The company's documents; none when it has not written its policy yet (or it is out of the actor's scope). */
    public List<Document> of(Actor actor, UUID tenantId) {
        List<Document> out = new ArrayList<>();
        policies.find(actor, tenantId).ifPresent(p -> {
            out.add(new Document("basic-policy.pdf", documents.policyPdf(p)));
            out.add(new Document("internal-rules.pdf", documents.rulesPdf(p)));
        });
        return out;
    }
}
