package jp.sukedachi.app.selfcheck.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.policy.SelfHelp;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The asset ledger and risk analysis: list with risk, add/edit/remove, CSV export and import. */
@Controller
class AssetController {
    private final AssetRepository assets;
    private final AssetService service;
    private final AssetCsv csv;

    public AssetController(AssetRepository assets, AssetService service, AssetCsv csv) {
        this.assets = assets;
        this.service = service;
        this.csv = csv;
    }

    @GetMapping("/selfcheck/assets")
    public String list(Actor actor, Model model) {
        return listPage(actor, Map.of(), List.of(), model);
    }

    private String listPage(Actor actor, Map<String, String> entered, List<AssetService.Problem> problems, Model model) {
        UUID company = SelfHelp.companyOf(actor);
        model.addAttribute("assets", assets.findByTenant(actor, company));
        model.addAttribute("mayEdit", SelfHelp.mayEdit(actor));
        model.addAttribute("entered", entered);
        model.addAttribute("problems", problems);
        model.addAttribute("forms", AssetForm.values());
        model.addAttribute("decisions", Decision.values());
        model.addAttribute("maxAssets", AssetService.MAX_ASSETS);
        return "selfcheck/assets/list";
    }

    @PostMapping("/selfcheck/assets")
    public String add(Actor actor, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        AssetService.Checked checked = service.add(actor, AssetDraft.of(form));
        if (!checked.ok()) {
            return listPage(actor, form, checked.problems(), model);
        }
        redirect.addFlashAttribute("notice", "asset.added");
        return "redirect:/selfcheck/assets";
    }

    @GetMapping("/selfcheck/assets/{id}")
    public String edit(Actor actor, @PathVariable UUID id, Model model) {
        Asset asset = assets.find(actor, id).orElseThrow(() -> new NotFoundException("asset"));
        return editPage(actor, asset, entered(asset), List.of(), model);
    }

    private String editPage(Actor actor, Asset asset, Map<String, String> entered, List<AssetService.Problem> problems,
            Model model) {
        model.addAttribute("asset", asset);
        model.addAttribute("entered", entered);
        model.addAttribute("problems", problems);
        model.addAttribute("mayEdit", SelfHelp.mayEdit(actor));
        model.addAttribute("forms", AssetForm.values());
        model.addAttribute("decisions", Decision.values());
        return "selfcheck/assets/edit";
    }

    private static Map<String, String> entered(Asset a) {
        Map<String, String> m = new HashMap<>();
        m.put("name", a.name());
        m.put("ownerName", a.ownerName());
        m.put("place", a.place());
        m.put("form", a.form().code());
        m.put("personalData", a.personalData() ? "yes" : "no");
        m.put("confidentiality", String.valueOf(a.confidentiality()));
        m.put("integrity", String.valueOf(a.integrity()));
        m.put("availability", String.valueOf(a.availability()));
        m.put("threat", String.valueOf(a.threat()));
        m.put("vulnerability", String.valueOf(a.vulnerability()));
        m.put("decision", a.decision().code());
        m.put("measure", a.measure() == null ? "" : a.measure());
        m.put("nextReview", a.nextReview() == null ? "" : a.nextReview().toString());
        return m;
    }

    @PostMapping("/selfcheck/assets/{id}")
    public String update(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        AssetService.Checked checked = service.update(actor, id, AssetDraft.of(form));
        if (!checked.ok()) {
            Asset asset = assets.find(actor, id).orElseThrow(() -> new NotFoundException("asset"));
            return editPage(actor, asset, form, checked.problems(), model);
        }
        redirect.addFlashAttribute("notice", "asset.saved");
        return "redirect:/selfcheck/assets";
    }

    @PostMapping("/selfcheck/assets/{id}/delete")
    public String delete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        service.delete(actor, id);
        redirect.addFlashAttribute("notice", "asset.deleted");
        return "redirect:/selfcheck/assets";
    }

    @GetMapping("/selfcheck/assets/csv")
    public ResponseEntity<byte[]> export(Actor actor, Locale locale) {
        byte[] body = csv.export(assets.findByTenant(actor, SelfHelp.companyOf(actor)), locale);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("assets.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }

    @PostMapping("/selfcheck/assets/import")
    public String importCsv(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        SelfHelp.requireOwner(actor);
        AssetService.ImportResult result;
        if (file == null || file.isEmpty()) {
            result = new AssetService.ImportResult(0, List.of(new AssetService.LineError(0, List.of(), "asset.import.empty")));
        } else {
            try (InputStream in = file.getInputStream()) {
                result = service.importLines(actor, csv.parse(in));
            }
        }
        model.addAttribute("importResult", result);
        return listPage(actor, Map.of(), List.of(), model);
    }
}
