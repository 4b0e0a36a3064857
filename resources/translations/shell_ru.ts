<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="86"/>
        <source>Study</source>
        <extracomment>(permission, module, class, tab title source) of the screens owned by other parts.</extracomment>
        <translation>Исследование</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="88"/>
        <source>Study: </source>
        <translation>Исследование: </translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="98"/>
        <source>Loading the studies…</source>
        <translation>Загружаю исследования…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="107"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="108"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="111"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="120"/>
        <source>Signed in as {name} ({role}) · {database}</source>
        <translation>Вы вошли как {name} ({role}) · {database}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="157"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="158"/>
        <source>fieldwork</source>
        <translation>идёт опрос</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="159"/>
        <source>paused</source>
        <translation>приостановлено</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="160"/>
        <source>closed</source>
        <translation>закрыто</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="166"/>
        <source>There is no study in this database yet.</source>
        <translation>В этой базе пока нет ни одного исследования.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="168"/>
        <source>There is no study to work on yet; ask the research lead.</source>
        <translation>Пока нет исследования для работы; обратитесь к руководителю проекта.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="182"/>
        <source>cati</source>
        <translation>cati</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="184"/>
        <source>The database has no study yet. Create the demo study (a client base of 1,500 companies and two weeks of simulated fieldwork)? It takes a minute.</source>
        <translation>В базе пока нет исследований. Создать демонстрационное (база из 1 500 компаний и две недели смоделированного полевого этапа)? Это займёт около минуты.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="198"/>
        <source>Building the demo study…</source>
        <translation>Создаю демонстрационное исследование…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="253"/>
        <source>Interviewing</source>
        <translation>Интервьюирование</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="255"/>
        <source>Supervision</source>
        <translation>Контроль</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/main_window.py" line="256"/>
        <source>Study setup</source>
        <translation>Настройка исследования</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="69"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="72"/>
        <source>This workstation</source>
        <translation>Это рабочее место</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="76"/>
        <source>empty: the file in your user data folder</source>
        <translation>пусто — файл в папке данных пользователя</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="79"/>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="82"/>
        <source>Database URL</source>
        <translation>Адрес базы данных</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="83"/>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="84"/>
        <source>The database and the language change when cati starts again.</source>
        <translation>База данных и язык сменятся при следующем запуске cati.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="89"/>
        <source>Telephony</source>
        <translation>Телефония</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="94"/>
        <source>As the study is set up</source>
        <translation>Как настроено в исследовании</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="95"/>
        <source>Simulated (training, demo)</source>
        <translation>Имитация (обучение, демо)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="96"/>
        <source>Desk phone (I dial myself)</source>
        <translation>Настольный телефон (набираю сам)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="97"/>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="102"/>
        <source>Dialer</source>
        <translation>Набор номера</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="105"/>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="106"/>
        <source>Auth token</source>
        <translation>Auth token</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="107"/>
        <source>API key (instead of the token)</source>
        <translation>API-ключ (вместо токена)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="108"/>
        <source>API key secret</source>
        <translation>Секрет API-ключа</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="109"/>
        <source>Caller ID (your Twilio number)</source>
        <translation>Номер отправителя (ваш номер Twilio)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="110"/>
        <source>Your own phone (rung first)</source>
        <translation>Ваш телефон (звонит первым)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="119"/>
        <source>Twilio settings are kept in the system keyring, not in files.</source>
        <translation>Настройки Twilio хранятся в системном хранилище паролей, а не в файлах.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="161"/>
        <source>The system keyring cannot be used ({problem}): Twilio settings cannot be saved here. Set the TWILIO_* and CATI_* environment variables instead.</source>
        <translation>Системное хранилище паролей недоступно ({problem}): сохранить настройки Twilio здесь нельзя. Задайте вместо этого переменные окружения TWILIO_* и CATI_*.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/settings_dialog.py" line="181"/>
        <source>Saving…</source>
        <translation>Сохраняю…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="46"/>
        <source>cati — sign in</source>
        <translation>cati — вход</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="48"/>
        <source>Telephone surveys</source>
        <translation>Телефонные опросы</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="67"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="68"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="74"/>
        <source>Database: {label}</source>
        <translation>База данных: {label}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="82"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="84"/>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="105"/>
        <source>This database holds the demo study. Sign in as &lt;b&gt;{login}&lt;/b&gt; with the password &lt;b&gt;{password}&lt;/b&gt; (research lead). &lt;a href=&apos;#fill&apos;&gt;Fill in&lt;/a&gt;</source>
        <translation>В этой базе есть демонстрационное исследование. Войдите как &lt;b&gt;{login}&lt;/b&gt; с паролем &lt;b&gt;{password}&lt;/b&gt; (руководитель исследования). &lt;a href=&apos;#fill&apos;&gt;Подставить&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="143"/>
        <source>Enter your login and password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="145"/>
        <source>Checking…</source>
        <translation>Проверяю…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="162"/>
        <source>This account is switched off; ask the research lead.</source>
        <translation>Эта учётная запись отключена; обратитесь к руководителю проекта.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="164"/>
        <source>Wrong login or password. Check the keyboard layout and Caps Lock.</source>
        <translation>Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/shell/sign_in.py" line="166"/>
        <source>Could not sign in: {reason}</source>
        <translation>Не удалось войти: {reason}</translation>
    </message>
</context>
</TS>
