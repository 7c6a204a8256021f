package jp.sukedachi.app.demo;

import java.util.List;
import jp.sukedachi.app.desk.Article;
import jp.sukedachi.app.desk.ArticleCategory;
import jp.sukedachi.app.desk.ArticleDraft;
import jp.sukedachi.app.desk.KnowledgeBase;
import jp.sukedachi.app.shared.Actor;

/**
 * The demo provider's knowledge base: six published articles in Japanese and English on what small companies ask
 * most, and one Japanese-only draft still being written (staff see it on /kb, companies never do). The texts are
 * the demo's own words, following the first-response rules of the handbook extract (disconnect without switching
 * off, note what happened, call the desk).
 */
final class DemoArticles {
    private DemoArticles() {
    }

    static void seed(KnowledgeBase kb, Actor admin) {
        for (ArticleDraft draft : PUBLISHED) {
            Article a = kb.create(admin, draft);
            kb.setStatus(admin, a.id(), Article.Status.PUBLISHED);
        }
        kb.create(admin, DRAFT);
    }

    static final List<ArticleDraft> PUBLISHED = List.of(
            new ArticleDraft(ArticleCategory.EMERGENCY.id(), "怪しいメールを開いてしまったら", """
                    添付ファイルを開いた、本文のリンクを押した、と気づいたら、あわてずに次の順で動いてください。早く動くほど被害は小さくなります。

                    1. パソコンのLANケーブルを抜き、Wi-Fiを切ります。電源は切らないでください（調べるための記録が消えます）。
                    2. そのパソコンはそれ以上使わず、いつ、どのメールの、何を開いたかを紙か別の機器にメモします。
                    3. 助太刀の相談窓口に電話します。メールは転送せず、画面の写真があれば伝えてください。

                    パスワードを入力してしまった場合は、別のパソコンかスマートフォンから、そのサービスのパスワードをすぐに変えてください。同じパスワードをほかでも使っていれば、そちらも変えます。

                    責める必要はありません。すぐに知らせてもらえることが、いちばんの対策です。""",
                    "If you opened a suspicious e-mail", """
                    If you notice that you opened an attachment or clicked a link in a suspicious mail, stay calm and follow these steps. The sooner you act, the smaller the damage.

                    1. Unplug the computer's network cable and turn off its Wi-Fi. Do NOT turn the computer off: the records needed to investigate would be lost.
                    2. Stop using that computer. On paper or another device, note when it happened, which mail it was and what you opened.
                    3. Call the Sukedachi help desk. Do not forward the mail; a photo of the screen helps.

                    If you typed a password into a page, change that password at once from another computer or a smartphone, and everywhere else you used the same password.

                    Nobody needs to be blamed. Telling us quickly is the best protection.""",
                    "メール, 添付ファイル, リンク, フィッシング, mail, phishing"),
            new ArticleDraft(ArticleCategory.EMERGENCY.id(), "パソコンの画面に身代金の要求が出たら", """
                    「ファイルを暗号化した。元に戻したければ支払え」という画面は、ランサムウェアという攻撃です。社内のほかのパソコンやファイルサーバーにも広がるおそれがあります。

                    1. LANケーブルを抜き、Wi-Fiを切ります。電源は切りません。
                    2. 画面をスマートフォンで撮影します。
                    3. 同じネットワークのパソコンでファイルが開けなくなっていないか確かめ、おかしければ同じように切り離します。
                    4. 助太刀の相談窓口にすぐ電話してください。必要なら担当者が伺います。

                    してはいけないこと：
                    - 身代金を払う（払っても戻る保証はなく、次の攻撃を招きます）
                    - 画面の連絡先に連絡する
                    - バックアップ用のディスクを、感染したパソコンにつなぐ

                    元に戻すのは、安全を確かめてからバックアップで行います。警察への相談も、担当者と一緒に進めます。""",
                    "If a ransom demand appears on a computer screen", """
                    A screen saying "your files are encrypted; pay to get them back" is a ransomware attack. It can spread to the other computers and the file server of your office.

                    1. Unplug the network cable and turn off Wi-Fi. Do not turn the computer off.
                    2. Take a photo of the screen with a smartphone.
                    3. Check whether other computers on the same network can still open their files; disconnect any that cannot in the same way.
                    4. Call the Sukedachi help desk at once. An engineer can come to your office if needed.

                    Do not:
                    - pay the ransom (nothing guarantees your files come back, and it invites the next attack)
                    - contact the address shown on the screen
                    - connect a backup disk to the infected computer

                    Files are restored from backups once the computers are known to be clean. We help you report it to the police too.""",
                    "ランサムウェア, 身代金, 暗号化, ransomware"),
            new ArticleDraft(ArticleCategory.ACCOUNTS.id(), "パスワードを使い回さないために", """
                    一つのサービスからパスワードが漏れると、攻撃者は同じメールアドレスとパスワードでほかのサービスにも試します。使い回しをやめるのが、いちばん効く対策です。

                    - サービスごとに別のパスワードにします。
                    - 長いほど破られにくくなります。覚えやすい言葉をいくつかつないだ長い文も使えます。
                    - 覚えきれないときは、パスワード管理ソフト（パスワードマネージャー）に任せます。
                    - メールやネットバンキングなど大事なサービスは、多要素認証（スマートフォンのアプリやSMSでの確認）も設定します。

                    付箋に書いて画面に貼るのはやめましょう。紙に控えるなら、鍵のかかる場所にしまいます。

                    「パスワードが漏れた」と知らせるメールが来ても、本文のリンクは使わず、いつものアプリやブックマークから入って変えてください。""",
                    "Not reusing passwords", """
                    When one service leaks passwords, attackers try the same e-mail address and password on other services. Using a different password everywhere is the single most effective step.

                    - Use a different password for each service.
                    - Longer is harder to break. A long phrase of several easy words works too.
                    - If you cannot remember them all, let a password manager keep them.
                    - For important services such as e-mail and online banking, also turn on multi-factor authentication (a confirmation in a smartphone app or by SMS).

                    Do not stick passwords on the screen. If you keep them on paper, lock the paper away.

                    If a mail says your password has leaked, do not use its links: sign in through your usual app or bookmark and change it there.""",
                    "パスワード, 多要素認証, password, mfa"),
            new ArticleDraft(ArticleCategory.SERVICE.id(), "UTMの通知メールの読み方", """
                    UTM（会社の出入口に置いた見張りの機器）は、気になる通信を見つけるとメールで知らせます。英語の専門用語が多いので、ここを見れば十分、というところだけ説明します。

                    - 「blocked」「denied」：UTMが止めた、という意味です。多くは心配いりません。
                    - 「detected」「alert」だけで blocked がない：見つけたが止めていない通信です。助太刀の担当者が確かめます。
                    - 送信元・宛先の番号（IPアドレス）：社内のパソコンの番号があれば、そのパソコンが関わっています。

                    大事な知らせは、助太刀がわかりやすい言葉に直して「お知らせ」のページとメールでお伝えします。UTMからのメールをすべて読む必要はありません。

                    「すぐに連絡してください」と書かれたお知らせが来たときだけは、その手順に従ってください。""",
                    "Reading your UTM's notification mails", """
                    The UTM (the guard device at your office's connection to the Internet) sends a mail when it sees worrying traffic. These mails are full of technical English; here is what is enough to look at.

                    - "blocked" or "denied": the UTM stopped it. Usually nothing to worry about.
                    - "detected" or "alert" without "blocked": it was seen but not stopped. Sukedachi staff check it.
                    - Source and destination numbers (IP addresses): if one is a computer in your office, that computer is involved.

                    Whatever matters, Sukedachi tells you in plain words on the Notices page and by mail. You do not need to read every mail from the UTM.

                    Only when a notice says "call us now", follow its steps.""",
                    "UTM, 通知, お知らせ, notification"),
            new ArticleDraft(ArticleCategory.DEVICES.id(), "スマートフォンを社内Wi-Fiにつなぐときは", """
                    従業員の私物のスマートフォンを、仕事用のパソコンと同じWi-Fiにつなぐと、スマートフォンに入り込んだ悪いアプリが社内のパソコンやファイルを探せるようになります。

                    - 来客用・私物用のWi-Fi（ゲスト用ネットワーク）を分けて作り、そちらにつなぎます。
                    - 社内Wi-Fiのパスワードは、長く推測されにくいものにし、壁に貼り出さないでください。
                    - 仕事で使うスマートフォンは、画面ロックを設定し、OSとアプリを最新にします。
                    - 知らない機器がつながると、助太刀から「見慣れない機器」としてお知らせが届きます。心当たりがなければ相談窓口へ。

                    Wi-Fiルーターの設定がわからないときは、相談窓口に聞いてください。""",
                    "Connecting a smartphone to the office Wi-Fi", """
                    When an employee's own smartphone joins the same Wi-Fi as the work computers, a bad app on the phone can look for the office's computers and files.

                    - Set up a separate Wi-Fi for visitors and private devices (a guest network) and connect phones there.
                    - Give the office Wi-Fi a long password that is hard to guess, and do not post it on the wall.
                    - Phones used for work get a screen lock and current system and app updates.
                    - When an unknown device connects, Sukedachi sends an "unknown device" notice. If nobody recognises it, call the desk.

                    If you are not sure how to set up the Wi-Fi router, ask the desk.""",
                    "Wi-Fi, スマートフォン, 私物, byod, guest"),
            new ArticleDraft(ArticleCategory.ACCOUNTS.id(), "退職者のアカウントを止める", """
                    辞めた人のアカウントが生きたままだと、本人や、そのパスワードを手に入れた第三者が、会社のメールやファイルに入れてしまいます。

                    退職の日に、次を確かめてください。
                    1. メール、ファイル共有、会計ソフトなど、会社で使っているサービスのアカウントを止めます。
                    2. 共用のパスワード（Wi-Fi、共用アカウント、複合機など）を本人が知っていれば変えます。
                    3. 会社が貸したパソコン、スマートフォン、鍵、社員証などを返してもらいます。
                    4. 取引先に、担当が変わったことを知らせます。

                    どのサービスに誰のアカウントがあるか、日ごろから一覧にしておくと、漏れがなくなります。自社診断の「情報資産とリスクの台帳」も使えます。""",
                    "Closing the accounts of people who leave", """
                    If the account of someone who has left stays open, they, or anyone who got hold of their password, can still get into the company's mail and files.

                    On their last day, check the following.
                    1. Close their accounts on every service the company uses: mail, file sharing, accounting software and the like.
                    2. Change shared passwords they knew (Wi-Fi, shared accounts, the copier and so on).
                    3. Get back the computer, phone, keys and ID card the company lent them.
                    4. Tell your business partners that someone else now looks after them.

                    Keeping a list of who has an account on which service makes sure nothing is missed. The self-check's asset and risk ledger helps with this.""",
                    "退職, アカウント, 入退社, offboarding, account"));

    /** Still being written: Japanese only, never shown to a company until staff publish it. */
    static final ArticleDraft DRAFT = new ArticleDraft(ArticleCategory.DEVICES.id(), "ノートパソコンを持ち出すときのきまり", """
            社外にパソコンを持ち出すときの、会社としてのきまりの例です（作成中）。

            - 持ち出す前に、画面ロックとディスクの暗号化が有効か確かめる
            - 電車や飲食店で画面をのぞかれない席を選ぶ
            - なくしたら、すぐ相談窓口へ""", null, null, "テレワーク, 持ち出し");
}
