<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../ui/alarm/alarm_banner.py" line="60"/>
        <source>Alarm muted until {time}: new orders still flash.</source>
        <translation>提示音已静音至{time}：新订单仍会闪烁提醒。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_banner.py" line="71"/>
        <source>…and {count} more close to their deadline.</source>
        <translation>…另有{count}单快到截止时间。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_banner.py" line="82"/>
        <source>{order} is past its deadline: the channel may cancel it at any moment — accept or reject now</source>
        <translation>{order}已过接单截止时间，渠道随时可能取消——请立即接单或拒单</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_banner.py" line="86"/>
        <source>{order} will be cancelled in {left} — accept or reject now</source>
        <translation>{order}将在{left}后被取消——请立即接单或拒单</translation>
    </message>
</context>
<context>
    <name>AlarmSettingsDialog</name>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="47"/>
        <source>Alarm and auto-accept</source>
        <translation>提示音与自动接单</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="76"/>
        <source>Alarm volume</source>
        <translation>提示音音量</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="88"/>
        <source>Test sound</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="95"/>
        <source>No sound on this device: {reason}. The alarm still flashes.</source>
        <translation>此设备无法播放声音：{reason}。提醒仍会闪烁。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="105"/>
        <source>Mute the alarm sound</source>
        <translation>提示音静音</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="110"/>
        <source>{minutes} min</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="114"/>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="123"/>
        <source>While muted, new orders still flash. When an order is about to be cancelled by its channel, the alarm sounds anyway.</source>
        <translation>静音期间，新订单仍会闪烁提醒。订单即将被渠道取消时，仍会响铃提醒。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="133"/>
        <source>Accept automatically on this device</source>
        <translation>在此设备上自动接单</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="141"/>
        <source>{channel} (switched on by {name})</source>
        <translation>{channel}（由{name}开启）</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="150"/>
        <source>Switch this on at one device of the store only, usually the counter PC. Orders are accepted on behalf of the person who switches it on, also while nobody is signed in, and their kitchen tickets print as for any accepted order.</source>
        <translation>全店只在一台设备上开启，通常是收银台电脑。订单以开启人的名义接单，无人登录时也会自动接单，厨房小票照常打印，与手动接单一样。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="180"/>
        <source>Muted until {time} by {name}.</source>
        <translation>{name}已设置静音至{time}。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="186"/>
        <source>The alarm sound is on.</source>
        <translation>提示音已开启。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="196"/>
        <source>{value} %</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="241"/>
        <source>the program was started without sound</source>
        <translation>程序启动时未开启声音</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="244"/>
        <source>the program&apos;s sound part (Qt Multimedia) is not installed</source>
        <translation>程序的声音组件（Qt Multimedia）未安装</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="247"/>
        <source>no speakers or headphones were found</source>
        <translation>未找到扬声器或耳机</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="250"/>
        <source>the alarm&apos;s sound files are missing</source>
        <translation>提示音文件缺失</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_settings_dialog.py" line="257"/>
        <source>the sound does not work</source>
        <translation>声音无法使用</translation>
    </message>
</context>
<context>
    <name>AlarmTray</name>
    <message>
        <location filename="../ui/alarm/alarm_tray.py" line="31"/>
        <source>Storeside</source>
        <translation>Storeside</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_tray.py" line="45"/>
        <source>Deadline close</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_tray.py" line="46"/>
        <source>{order}: accept or reject now, or the channel cancels it.</source>
        <translation>{order}：请立即接单或拒单，否则渠道将取消订单。</translation>
    </message>
    <message>
        <location filename="../ui/alarm/alarm_tray.py" line="52"/>
        <source>New orders</source>
        <translation>新订单</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alarm/alarm_tray.py" line="53"/>
        <source>%n new order(s) waiting to be accepted.</source>
        <translation>
            <numerusform>%n 个新订单等待接单。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../ui/manager/audit_view.py" line="86"/>
        <source>Check the chain</source>
        <translation>校验记录链</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="91"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="103"/>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="108"/>
        <source>Any result</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="117"/>
        <location filename="../ui/manager/audit_view.py" line="264"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="118"/>
        <location filename="../ui/manager/audit_view.py" line="266"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="119"/>
        <location filename="../ui/manager/audit_view.py" line="268"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="167"/>
        <source>Newest {count} entries shown</source>
        <translation>仅显示最新 {count} 条</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="169"/>
        <source>{count} entries</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="176"/>
        <source>(the program)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="231"/>
        <source>Only a manager may export the audit trail.</source>
        <translation>只有店长可以导出操作记录。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="235"/>
        <source>Could not write {name}: {why}</source>
        <translation>导出失败，无法写入 {name}：{why}</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="242"/>
        <source>Exported {count} entries to {name}.</source>
        <translation>已导出 {count} 条记录到 {name}。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="250"/>
        <source>Export the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="252"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="262"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="263"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="265"/>
        <source>Approved by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="267"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_view.py" line="269"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <location filename="../ui/manager/audit_words.py" line="24"/>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="25"/>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="26"/>
        <source>Switched user</source>
        <translation>换人</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="27"/>
        <source>Locked out</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="28"/>
        <location filename="../ui/manager/audit_words.py" line="49"/>
        <source>Unlocked</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="29"/>
        <source>Manager override</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="30"/>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="31"/>
        <location filename="../ui/manager/audit_words.py" line="50"/>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="32"/>
        <source>Device enrolled</source>
        <translation>绑定设备</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="33"/>
        <source>PIN asked again</source>
        <translation>重新验证PIN码</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="34"/>
        <location filename="../ui/manager/audit_words.py" line="75"/>
        <source>Refused by the hub</source>
        <translation>被总部系统拒绝</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="35"/>
        <location filename="../ui/manager/audit_words.py" line="69"/>
        <source>Accepted</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="36"/>
        <location filename="../ui/manager/audit_words.py" line="70"/>
        <source>Rejected</source>
        <translation>拒单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="37"/>
        <source>Marked ready</source>
        <translation>出餐完成</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="38"/>
        <source>Handed over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="39"/>
        <source>Picked</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="40"/>
        <source>Shortage reported</source>
        <translation>报缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="41"/>
        <source>Shortage decided</source>
        <translation>缺货已处理</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="42"/>
        <location filename="../ui/manager/audit_words.py" line="71"/>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="43"/>
        <location filename="../ui/manager/audit_words.py" line="72"/>
        <source>Cancelled</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="44"/>
        <source>Reprinted</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="45"/>
        <source>Reassigned</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="46"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="47"/>
        <source>Channel paused</source>
        <translation>渠道暂停接单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="48"/>
        <source>Alarm muted</source>
        <translation>提示音已静音</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="58"/>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="59"/>
        <source>Refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="60"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="68"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="73"/>
        <source>Overrides</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="79"/>
        <source>Sign-ins and lockouts</source>
        <translation>登录与锁定</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="83"/>
        <source>Shortages</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="87"/>
        <source>Reprints and reassignments</source>
        <translation>补打与改派</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="91"/>
        <source>Settings, pauses, mutes</source>
        <translation>设置、暂停接单与静音</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="94"/>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="101"/>
        <source>Chain intact: {count} entries.</source>
        <translation>记录链完整：共 {count} 条。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="108"/>
        <source>Not yet confirmed by the hub.</source>
        <translation>尚未经总部系统确认。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="113"/>
        <source>Matches the hub up to entry {seq}.</source>
        <translation>截至第 {seq} 条与总部系统一致。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="120"/>
        <source>and {count} more</source>
        <translation>另有 {count} 处</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="123"/>
        <source>Chain broken: {breaks}.</source>
        <translation>记录链被改动：{breaks}。</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="128"/>
        <source>entry {seq} was changed</source>
        <translation>第 {seq} 条被修改</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="129"/>
        <source>entry {seq} was rewritten</source>
        <translation>第 {seq} 条被重写</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="130"/>
        <source>entry {seq} is missing</source>
        <translation>第 {seq} 条缺失</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="131"/>
        <source>entry {seq} is out of order</source>
        <translation>第 {seq} 条顺序错乱</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_words.py" line="134"/>
        <source>entries from {seq} on were cut off</source>
        <translation>第 {seq} 条起被截断</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="51"/>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="65"/>
        <source>Unreadable record</source>
        <translation>无法读取的记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="66"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="67"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="68"/>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="69"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="70"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="71"/>
        <source>Agreed</source>
        <translation>是否同意</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="72"/>
        <source>Items matched</source>
        <translation>已匹配商品数</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="73"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="74"/>
        <location filename="../ui/manager/audit_detail_words.py" line="184"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="75"/>
        <location filename="../ui/manager/audit_detail_words.py" line="186"/>
        <source>Shortage</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="76"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="77"/>
        <source>Short by</source>
        <translation>缺货数量</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="78"/>
        <source>Decision</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="79"/>
        <source>Substitute</source>
        <translation>替换商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="80"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="81"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="82"/>
        <source>Paused until</source>
        <translation>暂停接单至</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="83"/>
        <source>Approval for</source>
        <translation>授权操作</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="84"/>
        <source>For staff member</source>
        <translation>对应员工</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="85"/>
        <source>Switched from</source>
        <translation>切换前员工</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="86"/>
        <source>Wrong PINs in a row</source>
        <translation>连续输错PIN码次数</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="87"/>
        <source>Ticket</source>
        <translation>小票编号</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="88"/>
        <source>Given to</source>
        <translation>改派给</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="89"/>
        <source>Shift ended for</source>
        <translation>下班打卡员工</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="90"/>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="91"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="92"/>
        <source>Set to</source>
        <translation>改为</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="93"/>
        <source>Contents</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="94"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="95"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="96"/>
        <source>Entries</source>
        <translation>记录条数</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="97"/>
        <source>Approved by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="118"/>
        <source>Decide shortage</source>
        <translation>处理缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="130"/>
        <source>Wrong PIN</source>
        <translation>PIN码错误</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="131"/>
        <source>Already locked out</source>
        <translation>已被锁定</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="132"/>
        <source>Role does not allow it</source>
        <translation>角色无权授权</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="144"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="145"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="168"/>
        <source>Taking orders again</source>
        <translation>恢复接单</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="174"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="177"/>
        <source>MMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="185"/>
        <source>Picking task</source>
        <translation>拣货任务</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="187"/>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="188"/>
        <source>Store settings</source>
        <translation>门店设置</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="189"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="190"/>
        <source>Device health</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="191"/>
        <source>The day&apos;s orders (CSV)</source>
        <translation>当日订单（CSV）</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="199"/>
        <source>Tried again</source>
        <translation>已重试</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="200"/>
        <source>Dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="201"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="202"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="210"/>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="211"/>
        <source>Still unreadable: {reason}</source>
        <translation>仍无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="217"/>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="236"/>
        <source>Auto-accept ({channel})</source>
        <translation>自动接单（{channel}）</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="240"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="241"/>
        <source>Ticket language</source>
        <translation>小票语言</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="242"/>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="243"/>
        <source>Alarm volume</source>
        <translation>提示音音量</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="244"/>
        <source>Alarm mute</source>
        <translation>提示音静音</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="253"/>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="254"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="267"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="268"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="269"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="275"/>
        <source>a new setup</source>
        <translation>新的设置</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="281"/>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="286"/>
        <source>Sound on again</source>
        <translation>已取消静音</translation>
    </message>
    <message>
        <location filename="../ui/manager/audit_detail_words.py" line="287"/>
        <source>Muted until {time}</source>
        <translation>静音至{time}</translation>
    </message>
</context>
<context>
    <name>BusyModeBar</name>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="54"/>
        <source>Busy mode</source>
        <translation>忙碌模式</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="87"/>
        <source>{channel} paused until {time}</source>
        <translation>{channel}暂停接单至{time}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="94"/>
        <source>{channel} open</source>
        <translation>{channel}接单中</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="96"/>
        <source>Waiting to reach the hub</source>
        <translation>待发送至总部系统</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="103"/>
        <source>Pause for {minutes} min</source>
        <translation>暂停接单{minutes}分钟</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="106"/>
        <source>Reopen now</source>
        <translation>立即恢复接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="123"/>
        <source>{channel} sends no new orders until {time}; it reopens by itself.</source>
        <translation>{channel}在{time}前不会推送新订单，到时自动恢复接单。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/busy_mode_bar.py" line="140"/>
        <source>{channel} takes orders again.</source>
        <translation>{channel}已恢复接单。</translation>
    </message>
</context>
<context>
    <name>CashierScreen</name>
    <message>
        <location filename="../ui/cashier/inbox_updates.py" line="89"/>
        <source>{tab} ({count})</source>
        <translation>{tab} {count}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/cashier_screen.py" line="281"/>
        <source>“{action} {order}” was not done: {reason}</source>
        <translation>{order}“{action}”操作未成功：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/cashier_screen.py" line="299"/>
        <source>Accepted {order}. It is now under “{tab}”.</source>
        <translation>{order}已接单，已移到“{tab}”。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/cashier_screen.py" line="301"/>
        <source>Mapped and accepted {order}. It is now under “{tab}”.</source>
        <translation>{order}已匹配商品并接单，已移到“{tab}”。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/cashier_screen.py" line="303"/>
        <source>Rejected {order}.</source>
        <translation>{order}已拒单。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/cashier_screen.py" line="304"/>
        <source>{order} is ready. It is now under “{tab}”.</source>
        <translation>{order}已出餐，已移到“{tab}”。</translation>
    </message>
</context>
<context>
    <name>CatchUpBar</name>
    <message>
        <location filename="../ui/catch_up_bar.py" line="21"/>
        <source>Receiving changes from the hub: {received} of {total}</source>
        <translation>正在从总部系统接收更新：{received} / {total}</translation>
    </message>
    <message>
        <location filename="../ui/catch_up_bar.py" line="29"/>
        <source>{received} of {total}</source>
        <translation>{received} / {total}</translation>
    </message>
</context>
<context>
    <name>ClockPage</name>
    <message>
        <location filename="../ui/handheld/clock_page.py" line="27"/>
        <source>You are off duty. Clock in to receive picking and packing tasks; clock out when you leave and your open tasks go to someone else.</source>
        <translation>你当前不在岗。上班打卡后才会收到拣货、打包任务；离开时请下班打卡，未完成的任务会转给其他同事。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/clock_page.py" line="35"/>
        <source>Clock in</source>
        <translation>上班打卡</translation>
    </message>
    <message>
        <location filename="../ui/handheld/clock_page.py" line="41"/>
        <source>Hello, {name}</source>
        <translation>{name}，你好</translation>
    </message>
</context>
<context>
    <name>CounterShortcuts</name>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="49"/>
        <source>Accept the order</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="50"/>
        <source>Mark the order ready</source>
        <translation>出餐</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="51"/>
        <source>Hand the order over</source>
        <translation>交付订单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="52"/>
        <source>Reject the order…</source>
        <translation>拒单…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="54"/>
        <source>Print the kitchen ticket</source>
        <translation>打印厨房小票</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="56"/>
        <source>Print the receipt</source>
        <translation>打印顾客小票</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="58"/>
        <source>Next order in the list</source>
        <translation>列表中的下一单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="61"/>
        <source>Previous order in the list</source>
        <translation>列表中的上一单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="65"/>
        <source>Search orders (pickup code, phone, order number)</source>
        <translation>搜索订单（取餐码、电话、订单号）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="69"/>
        <source>Show these keys</source>
        <translation>显示这些快捷键</translation>
    </message>
</context>
<context>
    <name>CurrentLineCard</name>
    <message>
        <location filename="../ui/handheld/current_line_card.py" line="62"/>
        <source>Found {picked} of {ordered}</source>
        <translation>找到 {picked}/{ordered}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/current_line_card.py" line="66"/>
        <source>{picked} of {ordered} picked</source>
        <translation>已拣 {picked}/{ordered}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/current_line_card.py" line="70"/>
        <source>Pick {ordered}</source>
        <translation>拣 {ordered} 件</translation>
    </message>
</context>
<context>
    <name>CustomerRequestPanel</name>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="44"/>
        <source>Asked at {time}</source>
        <translation>申请时间：{time}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="47"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="50"/>
        <source>Refund {amount}</source>
        <translation>退款金额：{amount}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="76"/>
        <source>No deadline: the customer waits for the store&apos;s answer.</source>
        <translation>无处理时限：顾客在等待门店答复。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="83"/>
        <source>{channel} is agreeing by itself now.</source>
        <translation>{channel}正在自动同意。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="87"/>
        <source>Answer within {left}, or {channel} agrees by itself at {time}.</source>
        <translation>请在{left}内处理，否则{channel}将于{time}自动同意。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="109"/>
        <source>{answer} at {time}</source>
        <translation>{answer}（{time}）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="111"/>
        <source> by {name}</source>
        <translation>，操作人：{name}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/customer_request_panel.py" line="113"/>
        <source>: {reason}</source>
        <translation>，原因：{reason}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="138"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="145"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="146"/>
        <source>Revenue</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="147"/>
        <source>Median time to accept</source>
        <translation>接单用时中位数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="148"/>
        <source>Median pick time</source>
        <translation>拣货用时中位数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="149"/>
        <source>Lines short</source>
        <translation>缺货率</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="150"/>
        <source>Lost to deadline</source>
        <translation>超时未接单</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="164"/>
        <source>Orders per hour, by channel</source>
        <translation>各渠道每小时订单数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="165"/>
        <source>Time to accept, by hour placed</source>
        <translation>接单用时（按下单时段）</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="166"/>
        <source>Pick time in minutes, by hour placed</source>
        <translation>拣货用时（分钟，按下单时段）</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="167"/>
        <source>Lines short, by reason</source>
        <translation>各原因缺货占比</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="168"/>
        <source>Most often short</source>
        <translation>最常缺货的商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="200"/>
        <source>Today, {day}</source>
        <translation>今天，{day}</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="200"/>
        <source>{day}</source>
        <translation>{day}</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="209"/>
        <source>{channel}
median {median} · p90 {p90}</source>
        <translation>{channel}
中位 {median} · 90分位 {p90}</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="224"/>
        <source>Sign in to export the day.</source>
        <translation>请先登录，再导出当天数据。</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="232"/>
        <source>Only a manager may export the day&apos;s orders.</source>
        <translation>只有店长可以导出当天的订单。</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="240"/>
        <source>{rows} orders exported to {name}.</source>
        <translation>已导出 {rows} 个订单到 {name}。</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="278"/>
        <source>orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="300"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="314"/>
        <source>%</source>
        <translation>占比（%）</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="333"/>
        <source>Lost to deadline: {count}</source>
        <translation>超时未接单：{count}</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="359"/>
        <source>hour of the day</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="364"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="369"/>
        <source>90th percentile</source>
        <translation>90 分位数</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="236"/>
        <source>The file could not be written: {error}</source>
        <translation>文件保存失败：{error}</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="252"/>
        <source>Export the day as CSV</source>
        <translation>导出当日数据（CSV）</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="254"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="309"/>
        <source>% of lines picked</source>
        <translation>占已拣行数 %</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="323"/>
        <location filename="../ui/manager/dashboard_view.py" line="328"/>
        <source>% of its lines short</source>
        <translation>该商品缺货行占比 %</translation>
    </message>
    <message>
        <location filename="../ui/manager/dashboard_view.py" line="337"/>
        <source>{serial} {channel} {number} · placed {time} · {total}</source>
        <translation>{serial} {channel} {number} · {time} 下单 · {total}</translation>
    </message>
</context>
<context>
    <name>DatabaseRecoveredBox</name>
    <message>
        <location filename="../ui/application.py" line="70"/>
        <source>The local data was damaged</source>
        <translation>本地数据已损坏</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/application.py" line="73"/>
        <source>This device&apos;s database was damaged and has been set aside. %n action(s) that had not reached the hub yet were rescued and will be sent; the orders are being loaded again from the hub.

Damaged file: {kept_at}
Rescued actions: {exported_to}</source>
        <translation>
            <numerusform>本设备的数据库已损坏，已另行保存。尚未送达总部系统的 %n 条操作已找回，稍后发送；订单正在从总部系统重新载入。

损坏的文件：{kept_at}
找回的操作：{exported_to}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayPicker</name>
    <message>
        <location filename="../ui/day_picker.py" line="35"/>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../ui/day_picker.py" line="36"/>
        <source>◀ Previous day</source>
        <translation>◀ 前一天</translation>
    </message>
    <message>
        <location filename="../ui/day_picker.py" line="44"/>
        <source>Next day ▶</source>
        <translation>后一天 ▶</translation>
    </message>
    <message>
        <location filename="../ui/day_picker.py" line="47"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>DaySummaryDialog</name>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="37"/>
        <source>{seconds} s</source>
        <translation>{seconds}秒</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="38"/>
        <source>{minutes} min {seconds:02d} s</source>
        <translation>{minutes}分{seconds:02d}秒</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="50"/>
        <source>Day summary</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="62"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="63"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="64"/>
        <source>Revenue</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="65"/>
        <source>Average time to accept</source>
        <translation>平均接单用时</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="66"/>
        <source>Lost to deadline</source>
        <translation>超时未接单</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="67"/>
        <source>Rejected</source>
        <translation>拒单</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="68"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="80"/>
        <source>Revenue counts the orders neither rejected nor cancelled. Lost to deadline: cancelled because nobody accepted them in time. Cancelled: by the customer, the channel or the store.</source>
        <translation>营业额只统计未拒单、未取消的订单。超时未接单：没人及时接单而被取消的订单。取消：被顾客、渠道或门店取消的订单。</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="99"/>
        <source>Today, {day}</source>
        <translation>今天，{day}</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="99"/>
        <source>{day}</source>
        <translation>{day}</translation>
    </message>
    <message>
        <location filename="../ui/day_summary_dialog.py" line="107"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
</context>
<context>
    <name>DemoStaffDialog</name>
    <message>
        <location filename="../ui/demo_staff_panel.py" line="49"/>
        <source>Demo staff &amp; PINs</source>
        <translation>演示员工 &amp; PIN码</translation>
    </message>
</context>
<context>
    <name>DemoStaffPanel</name>
    <message>
        <location filename="../ui/demo_staff_panel.py" line="26"/>
        <source>Demo staff — sign in with any of these PINs</source>
        <translation>演示员工——用以下任一PIN码登录</translation>
    </message>
</context>
<context>
    <name>DisagreeDialog</name>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="33"/>
        <source>Refuse the {request} of {order}</source>
        <translation>拒绝{order}的{request}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="42"/>
        <source>Why does the store refuse? The customer will read this.</source>
        <translation>为什么拒绝？顾客会看到这个原因。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="50"/>
        <source>The food is already made.</source>
        <translation>餐品已制作。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="51"/>
        <source>The order is ready and the rider has taken it.</source>
        <translation>订单已出餐，骑手已取走。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="52"/>
        <source>The goods have been opened and cannot be returned.</source>
        <translation>商品已拆封，无法退货。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="63"/>
        <source>Or type the reason</source>
        <translation>或手动输入原因</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="67"/>
        <source>Refuse the request</source>
        <translation>拒绝申请</translation>
    </message>
    <message>
        <location filename="../ui/cashier/disagree_dialog.py" line="67"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <location filename="../ui/enrolment_words.py" line="22"/>
        <source>The one-time code was not accepted. Check the one-time code with your manager; a code works once and expires 24 hours after it was made, so you may need a new one.</source>
        <translation>一次性绑定码未被接受。请向店长核对绑定码：每个绑定码只能用一次，生成 24 小时后失效，可能需要一个新的。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="29"/>
        <source>The hub knows no store with the code {store_code}. Check the store code with your manager.</source>
        <translation>中台上没有门店编码为 {store_code} 的门店。请向店长核对门店编码。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="35"/>
        <source>The hub could not be reached at {address}. Check the address and the store&apos;s internet connection, then try again.</source>
        <translation>无法连接 {address} 上的中台。请检查地址和门店的网络连接，然后重试。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="41"/>
        <source>The hub allows only a few enrolment attempts a minute. Wait a minute, check the store code and the one-time code with your manager, then try again.</source>
        <translation>中台每分钟只允许几次绑定尝试。请等一分钟，向店长核对门店编码和一次性绑定码，然后重试。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="47"/>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent to {address}. Check that this computer&apos;s date and time are right; if they are, ask your manager to have the hub&apos;s certificate checked.</source>
        <translation>无法验证中台的证书，因此没有向 {address} 发送任何内容。请检查这台电脑的日期和时间是否正确；如果正确，请让店长安排检查中台的证书。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="54"/>
        <source>The address {address} is not secure: the codes would cross the network unencrypted. Ask your manager for the hub&apos;s address that starts with https://.</source>
        <translation>地址 {address} 不安全：绑定码会以未加密的方式在网络上传输。请向店长索取以 https:// 开头的中台地址。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="61"/>
        <source>“{address}” is not a web address. Type the hub&apos;s address as your manager gave it, starting with https://, for example https://hub.example.cn.</source>
        <translation>“{address}”不是网址。请按店长给的中台地址输入，以 https:// 开头，例如 https://hub.example.cn。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_words.py" line="67"/>
        <source>The hub at {address} did not enrol this device. Try again; if it happens again, tell your manager (this device&apos;s log says why).</source>
        <translation>{address} 上的中台没有绑定此设备。请重试；如果再次发生，请告诉店长（此设备的日志中有原因）。</translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="41"/>
        <source>Enrol this device</source>
        <translation>绑定此设备</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="46"/>
        <source>This device is not enrolled with the store&apos;s order hub yet. Ask the manager for the hub&apos;s address, the store code and a one-time enrolment code.</source>
        <translation>此设备尚未绑定门店的订单中台。请向店长索取中台地址、门店编码和一次性绑定码。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="52"/>
        <source>e.g. https://hub.example.cn</source>
        <translation>例如 https://hub.example.cn</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="54"/>
        <source>e.g. DEMO01</source>
        <translation>例如：DEMO01</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="56"/>
        <source>one-time enrolment code from the hub</source>
        <translation>总部系统发放的一次性验证码</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="64"/>
        <source>Enrol</source>
        <translation>绑定</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="68"/>
        <source>Hub address</source>
        <translation>中台地址</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="69"/>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="70"/>
        <source>Enrolment code</source>
        <translation>绑定码</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="88"/>
        <source>Type the hub&apos;s address, the store code and the enrolment code.</source>
        <translation>请填写中台地址、门店编码和绑定码。</translation>
    </message>
    <message>
        <location filename="../ui/enrolment_dialog.py" line="94"/>
        <source>Enrolling…</source>
        <translation>正在绑定…</translation>
    </message>
</context>
<context>
    <name>ExceptionMappingDialog</name>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="57"/>
        <source>Search the catalogue: name, SKU or barcode</source>
        <translation>搜索商品目录：名称、SKU或条码</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="66"/>
        <source>Choose an item…</source>
        <translation>选择商品…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="97"/>
        <source>Map items and accept</source>
        <translation>匹配商品并接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="112"/>
        <source>Match each line the hub could not read to an item of your catalogue, with the quantity the customer ordered. A manager&apos;s PIN approves the mapping.</source>
        <translation>请为每一行无法识别的商品选择本店商品目录中的对应商品，并填写顾客下单的数量。匹配需店长输入PIN码确认。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="125"/>
        <source>Every line was read: accepting keeps the order as it is.</source>
        <translation>所有商品行均已识别：接单后订单内容不变。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="131"/>
        <source>Accept with these items</source>
        <translation>按这些商品接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="136"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="148"/>
        <source>As the channel sent it</source>
        <translation>渠道原始信息</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="149"/>
        <source>Find in the catalogue</source>
        <translation>在商品目录中搜索</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="150"/>
        <source>Catalogue item</source>
        <translation>对应商品</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="151"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="180"/>
        <source>%n line(s) still without a catalogue item.</source>
        <translation>
            <numerusform>还有%n行未匹配商品。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExceptionWords</name>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="15"/>
        <source>Unknown item &apos;{sku}&apos;</source>
        <translation>无法识别的商品“{sku}”</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="18"/>
        <source>Unknown item &apos;{sku}&apos; ×{quantity}</source>
        <translation>无法识别的商品“{sku}”×{quantity}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="22"/>
        <source>Totals do not add up</source>
        <translation>金额合计对不上</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="25"/>
        <source>Missing field &apos;{field}&apos;</source>
        <translation>缺少字段“{field}”</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="28"/>
        <source>Unreadable value in &apos;{field}&apos;</source>
        <translation>字段“{field}”的值无法识别</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="31"/>
        <source>Too many lines</source>
        <translation>商品行过多</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="32"/>
        <source>Unreadable line {ref}</source>
        <translation>商品行{ref}无法识别</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="38"/>
        <location filename="../ui/cashier/exception_words.py" line="47"/>
        <source>Part of the order could not be read</source>
        <translation>订单部分内容无法识别</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="52"/>
        <source>{problem} (and {count} more)</source>
        <translation>{problem}（另有{count}处问题）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="66"/>
        <source>Needs checking</source>
        <translation>待核对</translation>
    </message>
</context>
<context>
    <name>HandheldScreen</name>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="198"/>
        <source>This task is no longer yours; your scans are kept.</source>
        <translation>该任务已不归你处理，扫码记录已保留。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="225"/>
        <source>Order {serial} was cancelled: stop picking it and put the items back. Your scans are kept on the order.</source>
        <translation>订单 {serial} 已取消：请停止拣货，把商品放回原处。扫码记录已保留在订单上。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="230"/>
        <source>Task {serial} was given to another picker. Your scans stay on it for whoever continues.</source>
        <translation>任务 {serial} 已改派给其他拣货员，你的扫码记录会留给接手的人。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="254"/>
        <source>You are on duty: tasks come to you by themselves.</source>
        <translation>你已在岗，任务会自动派给你。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="289"/>
        <source>Picked. The packing task will come to someone on duty.</source>
        <translation>拣货完成，打包任务将派给在岗同事。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="292"/>
        <source>Picked. Now pack the order.</source>
        <translation>拣货完成，请打包。</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../ui/cashier/handover_dialog.py" line="35"/>
        <source>Hand over {order}</source>
        <translation>交付{order}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/handover_dialog.py" line="44"/>
        <source>Handed over by</source>
        <translation>交付人</translation>
    </message>
    <message>
        <location filename="../ui/cashier/handover_dialog.py" line="58"/>
        <source>Name (optional)</source>
        <translation>姓名（选填）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/handover_dialog.py" line="61"/>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <location filename="../ui/cashier/handover_dialog.py" line="64"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../ui/cashier/counter_shortcuts.py" line="136"/>
        <source>Keys at the counter</source>
        <translation>收银台快捷键</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../ui/labels.py" line="32"/>
        <source>Meituan</source>
        <translation>美团</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="33"/>
        <source>Eleme</source>
        <translation>饿了么</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="34"/>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="41"/>
        <location filename="../ui/labels.py" line="59"/>
        <source>New</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="42"/>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="43"/>
        <location filename="../ui/labels.py" line="61"/>
        <source>Preparing</source>
        <translation>备餐中</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="44"/>
        <location filename="../ui/labels.py" line="62"/>
        <source>Ready</source>
        <translation>已出餐</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="45"/>
        <source>Handed over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="46"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="47"/>
        <source>Rejected</source>
        <translation>已拒单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="48"/>
        <location filename="../ui/labels.py" line="64"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="49"/>
        <source>Cancel requested</source>
        <translation>顾客申请取消</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="50"/>
        <source>Refund requested</source>
        <translation>顾客申请退款</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="51"/>
        <source>Shortage reported</source>
        <translation>已报缺货</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="52"/>
        <source>Needs checking</source>
        <translation>待核对</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="60"/>
        <source>Booked</source>
        <translation>预订单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="63"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="71"/>
        <source>Sold out</source>
        <translation>商品已售完</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="72"/>
        <source>Too busy</source>
        <translation>门店太忙</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="73"/>
        <source>Store closing</source>
        <translation>门店即将打烊</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="74"/>
        <source>Address out of delivery range</source>
        <translation>地址超出配送范围</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="77"/>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="84"/>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="85"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="92"/>
        <source>On the way to the store</source>
        <translation>骑手正在赶来</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="93"/>
        <source>At the store</source>
        <translation>骑手已到店</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="94"/>
        <source>Picked up</source>
        <translation>骑手已取餐</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="95"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="102"/>
        <source>Delivery</source>
        <translation>外卖配送</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="103"/>
        <source>Pickup</source>
        <translation>到店自取</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="110"/>
        <source>Contact the customer</source>
        <translation>联系顾客</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="113"/>
        <source>Refund the missing item</source>
        <translation>缺货商品退款</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="116"/>
        <source>Cancel the whole order</source>
        <translation>取消整单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="119"/>
        <source>Substitute something similar</source>
        <translation>替换相似商品</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="128"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="129"/>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="130"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="138"/>
        <source> · </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="158"/>
        <location filename="../ui/labels.py" line="263"/>
        <location filename="../ui/manager/audit_detail_words.py" line="121"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="167"/>
        <source>The order has moved on: it is now “{status}”.</source>
        <translation>订单状态已变：现在是“{status}”。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="171"/>
        <source>This order is no longer on this device.</source>
        <translation>此订单已不在本设备上。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="174"/>
        <location filename="../ui/labels.py" line="297"/>
        <source>Your role does not allow this.</source>
        <translation>当前角色无权进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="175"/>
        <source>The order has moved on and this is no longer possible.</source>
        <translation>订单状态已变，无法再进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="178"/>
        <source>This channel does not allow the store to reject orders.</source>
        <translation>该渠道不允许门店拒单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="181"/>
        <source>This channel does not accept that reason.</source>
        <translation>该渠道不接受这个原因。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="184"/>
        <source>Say why you disagree: the customer is shown your reason.</source>
        <translation>请说明不同意的原因：顾客会看到这个原因。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="187"/>
        <source>This channel does not take pickup codes from the store.</source>
        <translation>该渠道不接受门店提供的取餐码。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="190"/>
        <source>That reminder is no longer on this order.</source>
        <translation>这条催单已不在此订单上。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="193"/>
        <source>Someone already replied to this reminder.</source>
        <translation>已有人回复了这条催单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="197"/>
        <source>This computer&apos;s disk is full, so the action was not saved. Free some space (or call support), then try again. Earlier actions are safe.</source>
        <translation>这台电脑的磁盘已满，操作未保存。请清理出一些空间（或联系技术支持）后重试。之前的操作不受影响。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="203"/>
        <location filename="../ui/labels.py" line="310"/>
        <source>This is not possible now.</source>
        <translation>现在无法进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="210"/>
        <source>The customer cancelled this order.</source>
        <translation>顾客已取消此订单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="213"/>
        <source>The order had already moved on at the hub.</source>
        <translation>该订单在总部系统中的状态已变。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="216"/>
        <source>That person&apos;s role does not allow this.</source>
        <translation>该员工的角色无权进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="219"/>
        <source>The hub does not know this order.</source>
        <translation>总部系统中没有这个订单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="220"/>
        <source>The hub does not know this staff member.</source>
        <translation>总部系统中没有这名员工。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="223"/>
        <source>The channel does not accept that reject reason.</source>
        <translation>该渠道不接受这个拒单原因。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="226"/>
        <source>Another counter gave that pickup code to another order today. Open the order and press “New pickup code”.</source>
        <translation>今天另一台收银机已把这个取餐码给了别的订单。请打开订单，点击“新取餐码”。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="231"/>
        <source>The channel does not take pickup codes from the store.</source>
        <translation>该渠道不接受门店提供的取餐码。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="234"/>
        <source>Someone else already replied to this reminder.</source>
        <translation>已有其他人回复了这条催单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="237"/>
        <source>The hub does not know this reminder.</source>
        <translation>总部系统中没有这条催单。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="240"/>
        <source>The hub does not pause a channel for that long.</source>
        <translation>总部系统不支持暂停接单这么久。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="251"/>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="252"/>
        <source>Map items and accept</source>
        <translation>匹配商品并接单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="253"/>
        <source>Reject</source>
        <translation>拒单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="254"/>
        <source>Mark ready</source>
        <translation>出餐</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="255"/>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="256"/>
        <source>Agree to cancel</source>
        <translation>同意取消</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="257"/>
        <source>Refuse to cancel</source>
        <translation>拒绝取消</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="258"/>
        <source>Agree to refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="259"/>
        <source>Refuse the refund</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="260"/>
        <source>New pickup code</source>
        <translation>新取餐码</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="261"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="268"/>
        <source>Give pickup code</source>
        <translation>提供取餐码</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="269"/>
        <source>Answer cancel request</source>
        <translation>处理取消申请</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="270"/>
        <source>Answer refund request</source>
        <translation>处理退款申请</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="271"/>
        <source>Reply to reminder</source>
        <translation>回复催单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="272"/>
        <source>Busy mode</source>
        <translation>忙碌模式</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="279"/>
        <source>Refund request</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="280"/>
        <source>Cancel request</source>
        <translation>取消申请</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="286"/>
        <source>Agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="287"/>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="288"/>
        <source>Agreed by the channel (no answer)</source>
        <translation>超时未处理，渠道已自动同意</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="298"/>
        <source>Choose 15, 30 or 60 minutes.</source>
        <translation>请选择15、30或60分钟。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="299"/>
        <source>The store&apos;s settings have not reached this device yet; try again soon.</source>
        <translation>门店设置还没同步到此设备，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="302"/>
        <source>This store does not sell on that channel.</source>
        <translation>本店未在该渠道营业。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="306"/>
        <source>This computer&apos;s disk is full, so the change was not saved.</source>
        <translation>这台电脑的磁盘已满，修改未保存。</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="315"/>
        <source>#{serial} ({channel})</source>
        <translation>#{serial}（{channel}）</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="322"/>
        <source>#{serial}</source>
        <translation>#{serial}</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="328"/>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="329"/>
        <source>daily serial</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="330"/>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="331"/>
        <source>pickup code</source>
        <translation>取餐码</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="340"/>
        <source>no printer is set up on this device (Printing → Printers…)</source>
        <translation>此设备未设置打印机（打印 → 打印机与档口…）</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="343"/>
        <source>the order is not on this device</source>
        <translation>此订单不在本设备上</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="344"/>
        <source>kitchen tickets print once the order is accepted</source>
        <translation>接单后才能打印厨房小票</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="347"/>
        <source>no printer is set up for this ticket</source>
        <translation>这种小票没有设置打印机</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="348"/>
        <source>a reprint needs a reason</source>
        <translation>补打需要填写原因</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="349"/>
        <source>that ticket is not in the journal</source>
        <translation>打印记录中没有这张小票</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="350"/>
        <source>give a bag count from 1 to 20</source>
        <translation>袋数须为1到20</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="351"/>
        <source>your role may not do this: ask a manager to approve it</source>
        <translation>当前角色无权操作：请店长授权</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="355"/>
        <source>this is not possible now</source>
        <translation>现在无法进行此操作</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="361"/>
        <source>cannot be reached</source>
        <translation>连接不上</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="362"/>
        <source>does not answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="363"/>
        <source>is offline (cover open or error)</source>
        <translation>已离线（开盖或故障）</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="364"/>
        <source>is out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="365"/>
        <source>stopped while printing</source>
        <translation>打印中断</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="366"/>
        <source>cannot write to its folder</source>
        <translation>无法写入输出文件夹</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="367"/>
        <source>is not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="375"/>
        <source>Kitchen ticket</source>
        <translation>厨房小票</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="376"/>
        <source>Receipt</source>
        <translation>顾客小票</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="377"/>
        <source>VOID</source>
        <translation>作废单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="378"/>
        <source>Bag label</source>
        <translation>袋贴</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="386"/>
        <source>Queued</source>
        <translation>等待打印</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="387"/>
        <source>Printing</source>
        <translation>打印中</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="388"/>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="389"/>
        <source>Waiting for a printer</source>
        <translation>等待可用的打印机</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="390"/>
        <source>Withdrawn (order changed or cancelled)</source>
        <translation>已撤回（订单已变更或已取消）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="72"/>
        <source>Every line needs a catalogue item before accepting.</source>
        <translation>接单前，每一行都需要匹配到商品。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="75"/>
        <source>A line was mapped twice.</source>
        <translation>有一行商品匹配了两次。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="76"/>
        <source>That line is not one the hub could not read.</source>
        <translation>这一行不在无法识别的商品行里。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="79"/>
        <source>That item is not in this store&apos;s catalogue.</source>
        <translation>该商品不在本店商品目录中。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="82"/>
        <source>The mapping could not be read.</source>
        <translation>无法读取商品匹配信息。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/exception_words.py" line="85"/>
        <source>This device cannot map items. Reject the order, or map it at the counter PC.</source>
        <translation>此设备不能匹配商品。请拒单，或到收银台电脑上匹配。</translation>
    </message>
    <message>
        <location filename="../ui/printing/journal_words.py" line="28"/>
        <source>Bag {number} of {count}</source>
        <translation>第{number}/{count}袋</translation>
    </message>
    <message>
        <location filename="../ui/printing/journal_words.py" line="32"/>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../ui/language_menu.py" line="34"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/language_menu.py" line="42"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/language_menu.py" line="70"/>
        <source>Only a manager may change the language.</source>
        <translation>只有店长可以更改语言。</translation>
    </message>
    <message>
        <location filename="../ui/language_menu.py" line="72"/>
        <source>The new language shows when Storeside starts again.</source>
        <translation>新语言将在 Storeside 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <location filename="../ui/length_counter.py" line="36"/>
        <source>{used} / {limit}</source>
        <translation>{used} / {limit}</translation>
    </message>
    <message>
        <location filename="../ui/length_counter.py" line="40"/>
        <source>{used} / {limit}: {over} characters too many</source>
        <translation>{used} / {limit}：超出{over}个字</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="74"/>
        <source>Storeside — {store}</source>
        <translation>Storeside — {store}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="176"/>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="177"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="178"/>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="184"/>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="185"/>
        <source>Refused actions…</source>
        <translation>被拒操作…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="188"/>
        <source>Alarm &amp;&amp; auto-accept…</source>
        <translation>提示音 &amp;&amp; 自动接单…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="192"/>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="200"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="201"/>
        <source>Keys at the counter (F1)…</source>
        <translation>收银台快捷键 (F1)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="206"/>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="207"/>
        <source>Hub offline</source>
        <translation>总部系统离线</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="212"/>
        <source>Show demo staff &amp;&amp; PINs…</source>
        <translation>显示演示员工 &amp;&amp; PIN码…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="216"/>
        <source>Open a handheld</source>
        <translation>打开手持终端</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="221"/>
        <source>Print &amp;journal…</source>
        <translation>打印记录(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="223"/>
        <source>&amp;Printers and stations…</source>
        <translation>打印机与档口(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="226"/>
        <source>&amp;Printing</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="262"/>
        <source>Order &amp;history…</source>
        <translation>历史订单(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="265"/>
        <source>&amp;Day summary…</source>
        <translation>日结(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="270"/>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ManagerScreen</name>
    <message>
        <location filename="../ui/manager/manager_screen.py" line="66"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
</context>
<context>
    <name>ManagerTabs</name>
    <message>
        <location filename="../ui/manager/manager_tabs.py" line="33"/>
        <source>Shortages</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/manager_tabs.py" line="41"/>
        <source>Tasks and staff</source>
        <translation>任务与人员</translation>
    </message>
    <message>
        <location filename="../ui/manager/manager_tabs.py" line="47"/>
        <source>Day at a glance</source>
        <translation>今日概览</translation>
    </message>
    <message>
        <location filename="../ui/manager/manager_tabs.py" line="54"/>
        <source>Sync health</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../ui/manager/manager_tabs.py" line="62"/>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
</context>
<context>
    <name>NoticeHistoryDialog</name>
    <message>
        <location filename="../ui/notice_history_dialog.py" line="27"/>
        <source>Refused actions</source>
        <translation>被拒操作</translation>
    </message>
    <message>
        <location filename="../ui/notice_history_dialog.py" line="44"/>
        <source>{text} (dismissed)</source>
        <translation>{text}（已读）</translation>
    </message>
    <message>
        <location filename="../ui/notice_history_dialog.py" line="58"/>
        <source>Actions the hub did not apply, newest first. Each was refused on its own (the order had changed at the hub, or the hub could not take it); nothing else was held up.</source>
        <translation>总部系统未执行的操作，最新的在前。每条都是单独被拒的（订单在总部系统已变更，或总部系统无法处理），其他操作都不受影响。</translation>
    </message>
    <message>
        <location filename="../ui/notice_history_dialog.py" line="64"/>
        <source>The hub has applied every action from this device.</source>
        <translation>总部系统已执行本设备的全部操作。</translation>
    </message>
</context>
<context>
    <name>NoticeRow</name>
    <message>
        <location filename="../ui/notice_banner.py" line="27"/>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../ui/notice_words.py" line="28"/>
        <source>{name}&apos;s “{action}” ({time})</source>
        <translation>{name}的“{action}”（{time}）</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="32"/>
        <source>“{action}” ({time})</source>
        <translation>“{action}”（{time}）</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="36"/>
        <source>{whose} was not applied: {reason}</source>
        <translation>{whose}未生效：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="45"/>
        <source>{order} was {why} at {time}, before {whose} reached the hub; it was not applied.</source>
        <translation>{order}已于{time}{why}，当时{whose}还没送达总部系统，因此未生效。</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="51"/>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="55"/>
        <source>{order}: {whose} was not applied. {reason}</source>
        <translation>{order}：{whose}未生效。{reason}</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="63"/>
        <source>Clock in</source>
        <translation>上班打卡</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="64"/>
        <source>Clock out</source>
        <translation>下班打卡</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="65"/>
        <source>Start task</source>
        <translation>开始任务</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="66"/>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="67"/>
        <source>Report shortage</source>
        <translation>报缺货</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="68"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="69"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="70"/>
        <source>Picking complete</source>
        <translation>拣货完成</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="71"/>
        <source>Packing complete</source>
        <translation>打包完成</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="72"/>
        <source>Reassign task</source>
        <translation>改派任务</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="82"/>
        <source>This task was cancelled.</source>
        <translation>此任务已取消。</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="84"/>
        <source>This task was given to someone else.</source>
        <translation>此任务已转给其他人。</translation>
    </message>
    <message>
        <location filename="../ui/notice_words.py" line="87"/>
        <source>The scans you made are kept on the order.</source>
        <translation>你已扫码的记录仍保留在订单中。</translation>
    </message>
</context>
<context>
    <name>OrderActionBar</name>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="61"/>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="62"/>
        <source>Map items and accept…</source>
        <translation>匹配商品并接单…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="63"/>
        <source>Mark ready</source>
        <translation>出餐完成</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="64"/>
        <source>Reject…</source>
        <translation>拒单…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="65"/>
        <source>Agree to cancel</source>
        <translation>同意取消</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="66"/>
        <source>Refuse cancel…</source>
        <translation>拒绝取消…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="67"/>
        <source>Agree to refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="68"/>
        <source>Refuse refund…</source>
        <translation>拒绝退款…</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="69"/>
        <source>New pickup code</source>
        <translation>生成新取餐码</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="91"/>
        <source>Hand to rider</source>
        <translation>交给骑手</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="93"/>
        <source>Hand to customer</source>
        <translation>交给顾客</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="99"/>
        <source>{channel} does not let the store reject orders.</source>
        <translation>{channel}不允许门店拒单。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_action_bar.py" line="104"/>
        <source>Nothing to do at the counter for this order now.</source>
        <translation>此订单目前无需在收银台操作。</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="117"/>
        <source>Choose an order on the left to see it here.</source>
        <translation>请在左侧选择订单查看详情。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="161"/>
        <location filename="../ui/cashier/order_detail_pane.py" line="344"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="166"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="168"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="171"/>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="187"/>
        <source>Pickup code</source>
        <translation>取餐码</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="190"/>
        <source>The code the customer collects the order with</source>
        <translation>顾客凭此码取餐</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="213"/>
        <source>{badge}: the hub could not read all of this order.</source>
        <translation>{badge}：总部系统未能完整识别此订单。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="219"/>
        <source>Lines to map to the catalogue before accepting:</source>
        <translation>接单前需匹配到商品目录的商品行：</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="223"/>
        <source>{name} ({sku}) × {quantity}</source>
        <translation>{name}（{sku}）× {quantity}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="232"/>
        <source>Booked for {time}</source>
        <translation>预订时间：{time}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="234"/>
        <source> · moves to New at {time}</source>
        <translation> · {time}转入新订单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="242"/>
        <source>{channel} order {number}</source>
        <translation>{channel}订单号：{number}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="202"/>
        <source>Waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="204"/>
        <source>This device has actions on this order that the hub has not confirmed yet.</source>
        <translation>此设备对该订单的操作尚未得到总部系统确认。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="254"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="255"/>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="257"/>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="260"/>
        <location filename="../ui/cashier/order_detail_pane.py" line="374"/>
        <source>Handed over</source>
        <translation>交付</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="263"/>
        <source>If out of stock</source>
        <translation>缺货时</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="271"/>
        <source>{name} · {phone}</source>
        <translation>{name} · {phone}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="282"/>
        <source>Show number</source>
        <translation>查看号码</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="285"/>
        <source>Shows the full number to call the customer; the showing is recorded</source>
        <translation>显示完整号码以便联系顾客；查看操作会被记录</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="300"/>
        <source>{who} (you may not see the full number now)</source>
        <translation>{who}（您目前无权查看完整号码）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="305"/>
        <source>Shown, recorded</source>
        <translation>已显示，已记录</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="309"/>
        <source>{name} · {phone} · {status}</source>
        <translation>{name} · {phone} · {status}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="313"/>
        <source> · arrives {time}</source>
        <translation> · 预计{time}到店</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="322"/>
        <source>by {who} to {whom}</source>
        <translation>{who}交给{whom}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="323"/>
        <source>to {whom}</source>
        <translation>交给{whom}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="329"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="329"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="329"/>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="352"/>
        <source>× {quantity}</source>
        <translation>× {quantity}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="356"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="358"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="360"/>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="363"/>
        <source>Total paid</source>
        <translation>实付合计</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="369"/>
        <source>Placed</source>
        <translation>下单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="370"/>
        <source>Accept by</source>
        <translation>接单截止</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="371"/>
        <source>Accepted</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="372"/>
        <source>Expected ready</source>
        <translation>预计出餐</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="373"/>
        <source>Ready</source>
        <translation>出餐</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_detail_pane.py" line="375"/>
        <source>Closed</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OrderHistoryDialog</name>
    <message>
        <location filename="../ui/order_history_dialog.py" line="47"/>
        <source>Order history</source>
        <translation>历史订单</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="60"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="61"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="62"/>
        <source>Serial</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="63"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="64"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="65"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../ui/order_history_dialog.py" line="111"/>
        <source>Orders: {count} · total {total}</source>
        <translation>共 {count} 单 · 合计 {total}</translation>
    </message>
</context>
<context>
    <name>OrderInboxModel</name>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="324"/>
        <source>Channel order {number}</source>
        <translation>渠道订单号：{number}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="328"/>
        <source>Accept by {time}, or the channel cancels the order</source>
        <translation>请在{time}前接单，否则渠道将取消订单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="332"/>
        <source>Placed at {time}</source>
        <translation>下单时间：{time}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="336"/>
        <source>This device has actions on this order that the hub has not confirmed yet.</source>
        <translation>此设备对该订单的操作尚未得到总部系统确认。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="345"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="346"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="347"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="348"/>
        <source>Booked for</source>
        <translation>预订时间</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="349"/>
        <source>Age</source>
        <translation>下单时长</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="350"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="351"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="352"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="353"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="364"/>
        <source>{booked} (to New {prepare})</source>
        <translation>{booked}（{prepare}转新订单）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_inbox_model.py" line="384"/>
        <source>Waiting</source>
        <translation>待同步</translation>
    </message>
</context>
<context>
    <name>OrderPrintBar</name>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="66"/>
        <source>Print kitchen ticket</source>
        <translation>打印厨房小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="68"/>
        <source>Print receipt</source>
        <translation>打印顾客小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="99"/>
        <source>No ticket printed for this order yet.</source>
        <translation>此订单尚未打印小票。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="107"/>
        <source>{ticket} (reprint)</source>
        <translation>{ticket}（补打）</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="122"/>
        <source>Not printed: {reason}</source>
        <translation>未打印：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="134"/>
        <source>{ticket} of {order} sent to the printer.</source>
        <translation>{order}的{ticket}已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="146"/>
        <source>{ticket} of {order} was already printed; reprint it from the print journal with a reason.</source>
        <translation>{order}的{ticket}已打印过；如需补打，请在打印记录中填写原因后补打。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="173"/>
        <source>Reprint sent to the printer.</source>
        <translation>补打已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="198"/>
        <source>Printer “{printer}” {problem}.</source>
        <translation>打印机“{printer}”{problem}。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="212"/>
        <source>Printer “{failed}” {problem}: {ticket} {order} printed on “{backup}” instead.</source>
        <translation>打印机“{failed}”{problem}：{order}的{ticket}已改由“{backup}”打印。</translation>
    </message>
    <message>
        <location filename="../ui/printing/order_print_bar.py" line="222"/>
        <source>Printer “{failed}” {problem} and no backup could print: {ticket} {order} waits and prints as soon as a printer is back.</source>
        <translation>打印机“{failed}”{problem}，备用打印机也无法打印：{order}的{ticket}正在等待，打印机恢复后立即打印。</translation>
    </message>
</context>
<context>
    <name>OrderSearchBox</name>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="57"/>
        <source>Search: #serial, last 4 phone digits, pickup code or order number</source>
        <translation>搜索：#序号、手机尾号4位、取餐码或订单号</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="126"/>
        <source>No order matches</source>
        <translation>没有匹配的订单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="129"/>
        <source>Found: {count}</source>
        <translation>找到{count}单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="140"/>
        <source>today {time}</source>
        <translation>今天{time}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="141"/>
        <source>{serial}  {channel}  ·  {when}  ·  {status}  ·  {total}</source>
        <translation>{serial}  {channel}  ·  {when}  ·  {status}  ·  {total}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="148"/>
        <source>{number}  ·  {phone}  ·  matched by {matched}</source>
        <translation>{number}  ·  {phone}  ·  匹配：{matched}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/order_search_box.py" line="152"/>
        <source>Pickup {code}  ·  {rest}</source>
        <translation>取餐码{code}  ·  {rest}</translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="42"/>
        <source>Pack the order</source>
        <translation>打包订单</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="49"/>
        <source>Bags</source>
        <translation>袋数</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="52"/>
        <source>Print bag labels</source>
        <translation>打印袋贴</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="59"/>
        <source>Hand over to</source>
        <translation>交给</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="61"/>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="62"/>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="68"/>
        <source>Tasks</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="85"/>
        <source>{lines} lines, {units} units picked</source>
        <translation>{lines} 项商品，已拣 {units} 件</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="99"/>
        <source>Labels not printed: {why}.</source>
        <translation>袋贴未打印：{why}。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/handheld/pack_page.py" line="104"/>
        <source>Printing %n bag label(s).</source>
        <translation>
            <numerusform>正在打印 %n 张袋贴。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="106"/>
        <source>These labels were printed already (reprint from the journal).</source>
        <translation>这些袋贴已打印过（如需补打，请在打印记录中操作）。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="120"/>
        <source>Handed to the rider. Task closed.</source>
        <translation>已交给骑手，任务完成。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pack_page.py" line="122"/>
        <source>Handed to the counter: the order shows as ready.</source>
        <translation>已交到前台，订单显示为已出餐。</translation>
    </message>
</context>
<context>
    <name>PickPage</name>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="78"/>
        <source>Type the code if it will not scan</source>
        <translation>扫不出时手动输入条码</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="81"/>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="88"/>
        <source>Tasks</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="89"/>
        <location filename="../ui/handheld/pick_page.py" line="119"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="90"/>
        <source>Short…</source>
        <translation>缺货…</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="91"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="115"/>
        <source>Every line is picked or waiting for the manager.</source>
        <translation>全部商品已拣完或在等店长处理。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="119"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="231"/>
        <source>Counted {count}.</source>
        <translation>已计 {count} 件。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="271"/>
        <source>Reported short. Go on with the other lines; the manager decides.</source>
        <translation>已上报缺货。请继续拣其他商品，由店长处理。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="281"/>
        <source>Resumed.</source>
        <translation>已继续拣货。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/pick_page.py" line="284"/>
        <source>Paused. Scans are kept; press Resume to go on.</source>
        <translation>已暂停，扫码记录已保留；点“继续”接着拣。</translation>
    </message>
</context>
<context>
    <name>PickingWords</name>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="24"/>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="25"/>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="32"/>
        <source>Waiting for a picker</source>
        <translation>待派单</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="33"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="34"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="35"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="36"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="43"/>
        <source>Out of stock</source>
        <translation>无库存</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="44"/>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="45"/>
        <source>Not at its location</source>
        <translation>货架上找不到</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="48"/>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="55"/>
        <source>Waiting for the manager</source>
        <translation>等待店长处理</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="57"/>
        <source>Manager: substitute with {name}</source>
        <translation>店长：替换为 {name}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="61"/>
        <source>Manager: look again, pick it</source>
        <translation>店长：再找一下，继续拣货</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="62"/>
        <source>Manager: substitute</source>
        <translation>店长：替换商品</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="63"/>
        <source>Manager: refund the missing units; go on</source>
        <translation>店长：缺的部分退款，继续拣货</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="66"/>
        <source>Manager: order cancelled</source>
        <translation>店长：订单已取消</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="73"/>
        <source>No location</source>
        <translation>无货位</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="79"/>
        <source>No deadline</source>
        <translation>不限时</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="82"/>
        <source>Late by {time}</source>
        <translation>已超时 {time}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="85"/>
        <source>Due in {time}</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="92"/>
        <source>Ordered {weight}</source>
        <translation>下单 {weight}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="97"/>
        <source>{ordered} · weighed {weight}</source>
        <translation>{ordered} · 实称 {weight}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="105"/>
        <source>Surcharge {amount}</source>
        <translation>补差价 {amount}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="109"/>
        <source>Refund {amount}</source>
        <translation>退差价 {amount}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="112"/>
        <source>No price difference</source>
        <translation>无差价</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="120"/>
        <source>Clock in first.</source>
        <translation>请先上班打卡。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="121"/>
        <source>This task is no longer yours: it was given to someone else.</source>
        <translation>该任务已不归你处理，已转给其他人。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="124"/>
        <source>The task has moved on; this is no longer possible.</source>
        <translation>任务状态已变，无法再进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="127"/>
        <source>That line is already complete.</source>
        <translation>该商品已拣完。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="128"/>
        <source>That is more than the order asks for.</source>
        <translation>超过订单要求的数量。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="131"/>
        <source>This task is no longer on this handheld.</source>
        <translation>此任务已不在本机上。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="134"/>
        <source>That line is not on this task.</source>
        <translation>该商品不在此任务中。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="137"/>
        <source>Your role does not allow this.</source>
        <translation>当前角色无权进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="140"/>
        <source>Some lines are not picked yet (or not reported short).</source>
        <translation>还有商品未拣（或未上报缺货）。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="143"/>
        <source>Give a quantity the line allows.</source>
        <translation>请输入该商品允许的数量。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="146"/>
        <source>That notice is not on this handheld.</source>
        <translation>这条通知已不在本机上。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="149"/>
        <source>Give a bag count from 1 to 20.</source>
        <translation>袋数须为1到20。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="152"/>
        <source>The task is paused: resume it first.</source>
        <translation>任务已暂停，请先点“继续”。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="155"/>
        <source>This order was cancelled: stop picking it.</source>
        <translation>此订单已取消：请停止拣货。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="158"/>
        <source>This handheld&apos;s storage is full, so the action was not saved. Earlier scans are safe; call the manager.</source>
        <translation>本机存储已满，操作未保存。之前的扫码记录不受影响，请联系店长。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="164"/>
        <source>This is not possible now.</source>
        <translation>现在无法进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="171"/>
        <source>Counted one: {name}</source>
        <translation>已计 1 件：{name}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="172"/>
        <source>{name} is complete already. Nothing was counted.</source>
        <translation>{name} 已拣完，本次未计数。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="175"/>
        <source>How many of {name}?</source>
        <translation>{name} 有几件？</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="176"/>
        <source>Wrong item: this code is not on the order. Nothing was counted.</source>
        <translation>拿错商品：此条码不在订单中，未计数。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="179"/>
        <source>The code could not be read (check digit wrong). Nothing was counted.</source>
        <translation>条码无法识别（校验位错误），未计数。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="182"/>
        <source>Weight too far from the order for {name} ({actual_g} g on the label, {ordered_g} g ordered). Nothing was counted.</source>
        <translation>{name} 重量与订单相差过大（标签 {actual_g} 克，下单 {ordered_g} 克），未计数。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="187"/>
        <source>Nothing is left to pick for that code. Nothing was counted.</source>
        <translation>该条码的商品已全部拣完，未计数。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/picking_words.py" line="191"/>
        <source>Scan not counted.</source>
        <translation>扫码未计数。</translation>
    </message>
</context>
<context>
    <name>PinPrompt</name>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="37"/>
        <source>This device&apos;s disk is full: nothing can be saved, so nobody can sign in until space is freed. Call the manager.</source>
        <translation>本设备磁盘已满，无法保存任何内容，清理出空间前无人能登录。请联系店长。</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="44"/>
        <source>Locked after too many wrong PINs until {until}, or until a manager unlocks.</source>
        <translation>PIN码错误次数过多，已锁定至 {until}，或由店长解锁。</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="48"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>PIN码不正确，请重试。</translation>
    </message>
</context>
<context>
    <name>PinPromptDialog</name>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="81"/>
        <source>Who approves</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="90"/>
        <source>PIN of {name}</source>
        <translation>{name}的PIN码</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="100"/>
        <location filename="../ui/pin_prompt_dialog.py" line="101"/>
        <source>PIN</source>
        <translation>PIN码</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="106"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="111"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="119"/>
        <source>Nobody on this device may approve this.</source>
        <translation>本设备上没有人可以批准此操作。</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="138"/>
        <source>Type the PIN first.</source>
        <translation>请先输入PIN码。</translation>
    </message>
    <message>
        <location filename="../ui/pin_prompt_dialog.py" line="147"/>
        <source>This person may not approve it.</source>
        <translation>此人无权批准。</translation>
    </message>
</context>
<context>
    <name>PrintJournalDialog</name>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="56"/>
        <source>Print journal</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="81"/>
        <source>{count} tickets</source>
        <translation>共{count}张小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="94"/>
        <source>Day</source>
        <translation>按日期</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="94"/>
        <source>All days</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="101"/>
        <source>Order: #serial or order number</source>
        <translation>订单：#序号或订单号</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="106"/>
        <source>Every state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="114"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="115"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="116"/>
        <source>Ticket</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="117"/>
        <source>Station</source>
        <translation>档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="118"/>
        <source>Rev</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="119"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="120"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="121"/>
        <source>Reprint reason</source>
        <translation>补打原因</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="141"/>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="157"/>
        <source> (REPRINT)</source>
        <translation>（补打）</translation>
    </message>
    <message>
        <location filename="../ui/printing/print_journal_dialog.py" line="215"/>
        <source>Reprint sent to the printer.</source>
        <translation>补打已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>PrintersDialog</name>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="51"/>
        <source>Printers and stations</source>
        <translation>打印机与档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="63"/>
        <source>Two printers have the same name.</source>
        <translation>有两台打印机重名。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="81"/>
        <source>Network (ESC/POS)</source>
        <translation>网络（ESC/POS）</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="82"/>
        <source>PDF folder</source>
        <translation>PDF文件夹</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="104"/>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="107"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="108"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="109"/>
        <source>Address or folder</source>
        <translation>地址或文件夹</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="110"/>
        <source>Paper (mm)</source>
        <translation>纸宽（毫米）</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="111"/>
        <source>Backup</source>
        <translation>备用打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="117"/>
        <source>Add network printer</source>
        <translation>添加网络打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="119"/>
        <source>Add PDF folder</source>
        <translation>添加PDF文件夹</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="121"/>
        <source>Remove printer</source>
        <translation>删除打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="127"/>
        <source>Kitchen stations</source>
        <translation>厨房档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="130"/>
        <source>Station</source>
        <translation>档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="131"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="132"/>
        <source>Categories (comma-separated; empty = the rest)</source>
        <translation>品类（用逗号分隔；留空 = 其余全部）</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="138"/>
        <source>Add station</source>
        <translation>添加档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="140"/>
        <source>Remove station</source>
        <translation>删除档口</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="147"/>
        <source>Receipts print on</source>
        <translation>顾客小票打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="152"/>
        <source>Bag labels print on (empty: the receipt printer)</source>
        <translation>袋贴打印机（留空则用顾客小票打印机）</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="158"/>
        <source>Print kitchen tickets by themselves when an order is accepted</source>
        <translation>接单后自动打印厨房小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="175"/>
        <source>Ticket language</source>
        <translation>小票语言</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="224"/>
        <source>Printer {row} has no name.</source>
        <translation>第{row}台打印机没有名称。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="234"/>
        <source>“{name}” needs a folder.</source>
        <translation>“{name}”需要指定文件夹。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="245"/>
        <source>“{name}”: give the address as host or host:port.</source>
        <translation>“{name}”：地址请填写为“主机”或“主机:端口”。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="264"/>
        <source>“{name}”: the backup must be another printer&apos;s name.</source>
        <translation>“{name}”：备用打印机须填写另一台打印机的名称。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="284"/>
        <source>Station {row} needs a name and one of the printers&apos; names.</source>
        <translation>第{row}个档口需填写档口名称和一台已有打印机的名称。</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="316"/>
        <source>Printer {n}</source>
        <translation>打印机{n}</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="327"/>
        <source>PDF {n}</source>
        <translation>PDF{n}</translation>
    </message>
    <message>
        <location filename="../ui/printing/printers_dialog.py" line="345"/>
        <source>Station {n}</source>
        <translation>档口{n}</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <location filename="../ui/handheld/quantity_dialog.py" line="17"/>
        <source>How many?</source>
        <translation>多少件？</translation>
    </message>
    <message>
        <location filename="../ui/handheld/quantity_dialog.py" line="21"/>
        <source>How many of {name} are in your hand?</source>
        <translation>你手上有几件 {name}？</translation>
    </message>
    <message>
        <location filename="../ui/handheld/quantity_dialog.py" line="26"/>
        <source>{remaining} still to pick on this line.</source>
        <translation>该商品还需拣 {remaining} 件。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/quantity_dialog.py" line="34"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/handheld/quantity_dialog.py" line="35"/>
        <source>Count</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>QuantityStepper</name>
    <message>
        <location filename="../ui/handheld/quantity_stepper.py" line="31"/>
        <source>One less</source>
        <translation>减一</translation>
    </message>
    <message>
        <location filename="../ui/handheld/quantity_stepper.py" line="32"/>
        <source>One more</source>
        <translation>加一</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../ui/refusal_words.py" line="28"/>
        <source>This cannot be sent to the hub as it is. Check what you typed.</source>
        <translation>当前内容无法发送到总部系统，请检查输入的内容。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="37"/>
        <source>{what} is too long (at most {limit} characters).</source>
        <translation>{what}过长（最多{limit}个字）。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="40"/>
        <source>{what} contains a character that cannot be sent.</source>
        <translation>{what}含有无法发送的字符。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="43"/>
        <source>{what} contains a broken character that cannot be sent. Type it again.</source>
        <translation>{what}含有乱码字符，无法发送，请重新输入。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="46"/>
        <source>{what} must be a whole number.</source>
        <translation>{what}必须是整数。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="49"/>
        <source>{what} must be a number.</source>
        <translation>{what}必须是数字。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="52"/>
        <source>{what} must be from {low} to {high}.</source>
        <translation>{what}必须在{low}到{high}之间。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="55"/>
        <source>{what} is empty. Type it first.</source>
        <translation>{what}不能为空，请先填写。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="56"/>
        <source>{what} is not valid. Choose or type it again.</source>
        <translation>{what}无效，请重新选择或输入。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="61"/>
        <source>{what} is too long.</source>
        <translation>{what}过长。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="65"/>
        <source>{what} is out of range.</source>
        <translation>{what}超出范围。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="70"/>
        <source>{what} cannot be used.</source>
        <translation>{what}无法使用。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="80"/>
        <source>The note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="81"/>
        <source>The reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="82"/>
        <source>The reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="83"/>
        <source>The name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="84"/>
        <source>The scanned code</source>
        <translation>扫到的条码</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="85"/>
        <source>The substitute&apos;s code</source>
        <translation>替换商品的编码</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="86"/>
        <source>The search text</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="87"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="88"/>
        <source>The quantity found</source>
        <translation>找到的数量</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="89"/>
        <source>The weight in grams</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="90"/>
        <source>The price difference</source>
        <translation>差价</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="91"/>
        <source>The number of bags</source>
        <translation>袋数</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="92"/>
        <source>The answer</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="93"/>
        <source>Whom the order goes to</source>
        <translation>交付对象</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="94"/>
        <source>The shortage reason</source>
        <translation>缺货原因</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="100"/>
        <source>The hub could not read this action. It was not applied; do it again.</source>
        <translation>总部系统无法识别此操作，操作未生效，请重新操作。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="103"/>
        <source>This action was too large for the hub.</source>
        <translation>此操作数据量过大，总部系统无法处理。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="104"/>
        <source>The hub was too busy to take this action. Do it again in a moment.</source>
        <translation>总部系统繁忙，未能处理此操作，请稍后重新操作。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="109"/>
        <source>This action could not be sent to the hub as it was saved. Do it again.</source>
        <translation>此操作保存的内容无法发送到总部系统，请重新操作。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="112"/>
        <source>Something in this action is beyond what the hub takes.</source>
        <translation>此操作中有内容超出了总部系统的限制。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="115"/>
        <source>The hub already had another action under the same number. Do it again.</source>
        <translation>总部系统中已有另一条相同编号的操作，请重新操作。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="128"/>
        <source>The hub failed on this action. Try again shortly.</source>
        <translation>总部系统处理此操作时出错，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="131"/>
        <source>The hub does not know this task.</source>
        <translation>总部系统中没有这个任务。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="132"/>
        <source>The hub does not know this line of the task.</source>
        <translation>总部系统中没有该任务的这一行商品。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="135"/>
        <source>The picker was not clocked in at the hub.</source>
        <translation>总部系统显示该拣货员未上班打卡。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="138"/>
        <source>The task was cancelled. Put the items back.</source>
        <translation>任务已取消，请把商品放回货架。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="141"/>
        <source>The task belongs to another picker now.</source>
        <translation>此任务已改派给其他拣货员。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="144"/>
        <source>The task had already moved on at the hub.</source>
        <translation>该任务在总部系统中的状态已变。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="147"/>
        <source>The task was paused at the hub.</source>
        <translation>该任务已在总部系统中暂停。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="148"/>
        <source>That line was already complete at the hub.</source>
        <translation>这一行商品在总部系统中已完成。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="151"/>
        <source>That is more than the customer ordered.</source>
        <translation>超出了顾客下单的数量。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="154"/>
        <source>Some lines were not picked or decided yet.</source>
        <translation>还有商品行未拣货或缺货未处理。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="157"/>
        <source>That picker is not on duty.</source>
        <translation>该拣货员不在岗。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="158"/>
        <source>The hub does not know this shortage.</source>
        <translation>总部系统中没有这条缺货记录。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="161"/>
        <source>Another manager had already decided this shortage.</source>
        <translation>其他店长已处理了这条缺货。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="164"/>
        <source>The hub does not know that substitute.</source>
        <translation>总部系统中没有这个替换商品。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="167"/>
        <source>That item is not in the store&apos;s catalogue at the hub.</source>
        <translation>总部系统的本店商品目录中没有该商品。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="170"/>
        <source>That item is not one of the order&apos;s unreadable items.</source>
        <translation>该商品不在此订单无法识别的商品行里。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="173"/>
        <source>An item was matched twice. Match each item once.</source>
        <translation>有一行商品匹配了两次，每行只能匹配一次。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="176"/>
        <source>Some items are not matched to a product yet. Match every item.</source>
        <translation>还有商品未匹配，请把每一行都匹配好。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="179"/>
        <source>The order has no items the store could prepare. Reject it instead.</source>
        <translation>此订单中没有门店能提供的商品，请改为拒单。</translation>
    </message>
    <message>
        <location filename="../ui/refusal_words.py" line="183"/>
        <source>The hub refused this action.</source>
        <translation>总部系统拒绝了此操作。</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="36"/>
        <source>Reject #{serial} ({channel})</source>
        <translation>拒单 #{serial}（{channel}）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="44"/>
        <source>Why can the store not take this order?</source>
        <translation>为什么不能接这一单？</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="60"/>
        <source>Note for the channel (optional)</source>
        <translation>给渠道的备注（选填）</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="67"/>
        <source>The customer is told at once; this cannot be undone.</source>
        <translation>顾客会立即收到通知，拒单后无法撤销。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="75"/>
        <source>Reject order</source>
        <translation>确认拒单</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reject_dialog.py" line="75"/>
        <source>Keep the order</source>
        <translation>保留订单</translation>
    </message>
</context>
<context>
    <name>ReminderList</name>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="83"/>
        <source>The customer asked where the order is at {time}.</source>
        <translation>顾客于{time}催单。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="94"/>
        <source>Replied by {name} at {time}: {reply}</source>
        <translation>{name}于{time}回复：{reply}</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="95"/>
        <source>the store</source>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>ReminderReplies</name>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="33"/>
        <source>Being prepared, almost done</source>
        <translation>正在制作，马上就好</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="36"/>
        <source>The rider has it and is on the way</source>
        <translation>骑手已取餐，正在路上</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="39"/>
        <source>The rider is about to arrive at the store</source>
        <translation>骑手即将到店</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="42"/>
        <source>A little delay at peak time, thank you for waiting</source>
        <translation>高峰期稍有延迟，请耐心等待</translation>
    </message>
    <message>
        <location filename="../ui/cashier/reminder_list.py" line="45"/>
        <source>Ready: show your pickup code at the counter</source>
        <translation>已备好，请凭取餐码到柜台取餐</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="28"/>
        <source>Reprint a ticket</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="34"/>
        <source>Print {ticket} again? It will be marked REPRINT with your reason.</source>
        <translation>要再次打印{ticket}吗？小票将标注“补打”，并记录您填写的原因。</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="41"/>
        <source>Choose a common reason…</source>
        <translation>选择常用原因…</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="43"/>
        <source>Paper jam or unreadable print</source>
        <translation>卡纸或打印不清</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="44"/>
        <source>Customer asked for a copy</source>
        <translation>顾客要求再打一份</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="45"/>
        <source>Ticket lost in the kitchen</source>
        <translation>厨房小票丢失</translation>
    </message>
    <message>
        <location filename="../ui/printing/reprint_dialog.py" line="52"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
</context>
<context>
    <name>RouteLine</name>
    <message>
        <location filename="../ui/handheld/route_list.py" line="42"/>
        <source>{mark} {location}  {name}  {picked}/{ordered}</source>
        <translation>{mark} {location}  {name}  {picked}/{ordered}</translation>
    </message>
</context>
<context>
    <name>ShortageDecisionDialog</name>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="67"/>
        <source>Shortage decision</source>
        <translation>缺货处理</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="80"/>
        <source>Search a substitute by name or barcode</source>
        <translation>按名称或条码搜索替换商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="86"/>
        <source>Note for the customer (optional)</source>
        <translation>给顾客的备注（选填）</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="98"/>
        <source>Confirm decision</source>
        <translation>确认处理</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="98"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="116"/>
        <source>  ★ the customer&apos;s choice</source>
        <translation>  ★ 顾客首选</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="162"/>
        <source>{order} · {line}: {short} of {quantity} missing ({reason}), by {picker}</source>
        <translation>{order} · {line}：{quantity} 件缺 {short} 件（{reason}），{picker} 上报</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="172"/>
        <source>The customer paid {paid} for the line.</source>
        <translation>顾客为该商品实付 {paid}。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="178"/>
        <source>Customer&apos;s wish when out of stock: {preference}</source>
        <translation>顾客缺货时的要求：{preference}</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="192"/>
        <source>  (out of stock)</source>
        <translation>  （缺货）</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_decision_dialog.py" line="211"/>
        <source>Choose a substitute to see the price difference.</source>
        <translation>选择替换商品后显示差价。</translation>
    </message>
</context>
<context>
    <name>ShortageDialog</name>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="36"/>
        <location filename="../ui/handheld/shortage_dialog.py" line="73"/>
        <source>Report short</source>
        <translation>上报缺货</translation>
    </message>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="40"/>
        <source>{name} is short</source>
        <translation>{name} 缺货</translation>
    </message>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="45"/>
        <source>The customer asked: {preference}</source>
        <translation>顾客要求：{preference}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="52"/>
        <source>Why?</source>
        <translation>缺货原因</translation>
    </message>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="66"/>
        <source>How many did you find? (ordered {ordered})</source>
        <translation>找到了几件？（下单 {ordered} 件）</translation>
    </message>
    <message>
        <location filename="../ui/handheld/shortage_dialog.py" line="72"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ShortageQueue</name>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="71"/>
        <source>Due</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="72"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="73"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="74"/>
        <source>Short</source>
        <translation>缺货数</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="75"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="76"/>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="77"/>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="78"/>
        <source>Customer wants</source>
        <translation>顾客要求</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="92"/>
        <source>No shortage waits for a decision.</source>
        <translation>暂无待处理的缺货。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="93"/>
        <source>Decide…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="153"/>
        <source>{short} of {quantity} (line paid {paid})</source>
        <translation>缺 {short}/{quantity}（该项实付 {paid}）</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_queue.py" line="177"/>
        <source>Sent: {decision} …</source>
        <translation>已发送：{decision} …</translation>
    </message>
</context>
<context>
    <name>Shortages</name>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="17"/>
        <source>Found it</source>
        <translation>已找到</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="18"/>
        <source>Substitute</source>
        <translation>替换商品</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="19"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="20"/>
        <source>Cancel the order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="27"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="28"/>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="29"/>
        <source>Not at its place</source>
        <translation>货位无货</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="30"/>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="48"/>
        <source>Refund to the customer: {refund} (what they paid for the missing units)</source>
        <translation>退给顾客：{refund}（缺货商品的实付金额）</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="54"/>
        <source>The substitute costs {cost}, the customer paid {paid}: refund the difference {refund}.</source>
        <translation>替换商品价格{cost}，顾客实付{paid}：退还差价{refund}。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="60"/>
        <source>The substitute costs {cost}, the customer paid {paid}: a dearer substitute costs the customer nothing extra.</source>
        <translation>替换商品价格{cost}，顾客实付{paid}：换成更贵的商品，顾客也无需补差价。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="66"/>
        <source>{channel} asks the customer to agree first.</source>
        <translation>{channel}会先征得顾客同意。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="71"/>
        <source>The whole order is cancelled and refunded by the channel.</source>
        <translation>整单取消，由渠道给顾客退款。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="74"/>
        <source>Nothing is refunded: the picker picks the line again.</source>
        <translation>不退款：拣货员重新拣这一行商品。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="84"/>
        <source>Only a manager may make this decision.</source>
        <translation>只有店长才能处理缺货。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="87"/>
        <source>This shortage is not on this device any more.</source>
        <translation>这条缺货已不在本设备上。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="90"/>
        <source>This shortage has already been decided.</source>
        <translation>这条缺货已经处理过了。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="93"/>
        <source>Choose a decision.</source>
        <translation>请选择处理方式。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="94"/>
        <source>Choose another item to substitute with.</source>
        <translation>请另选一个替换商品。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="97"/>
        <source>The device&apos;s storage is full: nothing was saved.</source>
        <translation>设备存储空间已满：未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="100"/>
        <source>This decision is not possible now.</source>
        <translation>现在无法这样处理。</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="106"/>
        <source>Substituted with {name}</source>
        <translation>已替换为 {name}</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="115"/>
        <source>Short: {refund} refunded</source>
        <translation>缺货：已退款 {refund}</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="119"/>
        <source>Short: the order was cancelled</source>
        <translation>缺货：订单已取消</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="120"/>
        <source>Short, then found</source>
        <translation>缺货，后已找到</translation>
    </message>
    <message>
        <location filename="../ui/manager/shortage_words.py" line="110"/>
        <source>{refund} refunded</source>
        <translation>已退款{refund}</translation>
    </message>
</context>
<context>
    <name>SideFlowHandler</name>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="104"/>
        <source>{order}: cancel request agreed; it is cancelled.</source>
        <translation>{order}：已同意取消申请，订单已取消。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="105"/>
        <source>{order}: cancel request refused; it goes on.</source>
        <translation>{order}：已拒绝取消申请，订单继续进行。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="106"/>
        <source>{order}: refund request agreed.</source>
        <translation>{order}：已同意退款申请。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="107"/>
        <source>{order}: refund request refused.</source>
        <translation>{order}：已拒绝退款申请。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="108"/>
        <source>{order}: new pickup code {code}.</source>
        <translation>{order}：新取餐码{code}。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="109"/>
        <source>{order}: reply sent to the customer.</source>
        <translation>{order}：已回复顾客。</translation>
    </message>
    <message>
        <location filename="../ui/cashier/side_flow_handler.py" line="110"/>
        <source>{order} was handed over.</source>
        <translation>{order}已交付。</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../ui/sign_in_screen.py" line="120"/>
        <source>Switch user: who takes over from {name}?</source>
        <translation>换人：由谁接替{name}？</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="126"/>
        <location filename="../ui/sign_in_screen.py" line="171"/>
        <source>Who is signing in?</source>
        <translation>谁来登录？</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="174"/>
        <source>Waiting for the staff list from the hub…</source>
        <translation>正在等待总部系统发来员工名单…</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="205"/>
        <source>PIN</source>
        <translation>PIN码</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="209"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="215"/>
        <source>Unlock with a manager&apos;s PIN</source>
        <translation>店长输入PIN码解锁</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="228"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="230"/>
        <source>Del</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="249"/>
        <source>Pick your name</source>
        <translation>选择你的名字</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="252"/>
        <source>PIN for {name}</source>
        <translation>{name}的PIN码</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="253"/>
        <source>Type your PIN</source>
        <translation>输入PIN码</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="259"/>
        <location filename="../ui/sign_in_screen.py" line="327"/>
        <source>Pick your name first.</source>
        <translation>请先选择你的名字。</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="263"/>
        <source>Type your PIN first.</source>
        <translation>请先输入PIN码。</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="288"/>
        <source>That PIN is not right for {name}. Please try again.</source>
        <translation>{name}的PIN码不正确，请重试。</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="298"/>
        <source>Unlock {name}</source>
        <translation>解锁 {name}</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="300"/>
        <source>{name} typed too many wrong PINs. A manager picks their name and types their PIN to unlock.</source>
        <translation>{name} 输错PIN码次数过多。请店长选择自己的名字并输入PIN码解锁。</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_screen.py" line="314"/>
        <source>Unlocked. Type your PIN.</source>
        <translation>已解锁，请输入PIN码。</translation>
    </message>
</context>
<context>
    <name>StaffSession</name>
    <message>
        <location filename="../ui/staff_session.py" line="33"/>
        <source>accept an order</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="34"/>
        <source>map an order&apos;s items and accept it</source>
        <translation>匹配订单商品并接单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="37"/>
        <source>reject an order</source>
        <translation>拒单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="38"/>
        <source>mark an order ready</source>
        <translation>出餐</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="39"/>
        <source>hand an order over</source>
        <translation>交付订单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="40"/>
        <source>pick an item</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="41"/>
        <source>report a shortage</source>
        <translation>报缺货</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="42"/>
        <source>decide a shortage</source>
        <translation>处理缺货</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="43"/>
        <source>agree to a refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="44"/>
        <source>cancel an order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="45"/>
        <source>reprint a ticket</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="46"/>
        <source>reassign a task</source>
        <translation>改派任务</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="47"/>
        <source>change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="48"/>
        <source>pause a channel</source>
        <translation>暂停接单</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="49"/>
        <source>mute the alarm</source>
        <translation>关闭提示音</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="50"/>
        <source>unlock a person</source>
        <translation>解锁员工</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="51"/>
        <source>export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="139"/>
        <source>PIN again for {name}</source>
        <translation>{name}：请重新输入PIN码</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="140"/>
        <source>The device sat idle. Type your PIN again to {action}.</source>
        <translation>设备闲置过久。请重新输入PIN码以{action}。</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="149"/>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../ui/staff_session.py" line="151"/>
        <source>{name} may not {action} alone. A manager picks their name and types their PIN.</source>
        <translation>{name} 无权单独{action}。请店长选择自己的名字并输入PIN码。</translation>
    </message>
</context>
<context>
    <name>StatusReasons</name>
    <message>
        <location filename="../ui/status_reason_words.py" line="42"/>
        <source>This order was {reason}.</source>
        <translation>此订单已{reason}。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="55"/>
        <source>The order was {reason}.</source>
        <translation>订单已{reason}。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="75"/>
        <source>rejected by the store ({reason}): “{note}”</source>
        <translation>被门店拒单（{reason}）：“{note}”</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="78"/>
        <source>rejected by the store ({reason})</source>
        <translation>被门店拒单（{reason}）</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="85"/>
        <source>cancelled at the customer&apos;s request: “{reason}”</source>
        <translation>应顾客要求取消：“{reason}”</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="88"/>
        <source>cancelled at the customer&apos;s request</source>
        <translation>应顾客要求取消</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="93"/>
        <source>cancelled at the customer&apos;s request, agreed by the channel: “{reason}”</source>
        <translation>应顾客要求取消（平台自动同意）：“{reason}”</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="97"/>
        <source>cancelled at the customer&apos;s request, agreed by the channel</source>
        <translation>应顾客要求取消（平台自动同意）</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="103"/>
        <source>cancelled by the customer</source>
        <translation>被顾客取消</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="106"/>
        <source>cancelled because nobody accepted it in time</source>
        <translation>因超时未接单被取消</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="112"/>
        <source>cancelled by a manager because items were missing</source>
        <translation>因缺货被店长取消</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="115"/>
        <source>handed to the rider</source>
        <translation>交给骑手</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="118"/>
        <source>collected by the customer</source>
        <translation>由顾客取走</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="126"/>
        <source>Reassigned to {name} by {manager}.</source>
        <translation>{manager}已将任务改派给{name}。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="129"/>
        <source>Reassigned to {name}.</source>
        <translation>已改派给{name}。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="136"/>
        <source>{manager} ended {name}&apos;s shift.</source>
        <translation>{manager}已结束{name}的当班。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="139"/>
        <source>{name} clocked out.</source>
        <translation>{name}已下班打卡。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="143"/>
        <source>The order was cancelled.</source>
        <translation>订单已取消。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="146"/>
        <source>The order already left the store.</source>
        <translation>订单已离店。</translation>
    </message>
    <message>
        <location filename="../ui/status_reason_words.py" line="151"/>
        <source>{name} is no longer on the store&apos;s staff.</source>
        <translation>{name}已不在本店员工名单中。</translation>
    </message>
</context>
<context>
    <name>SyncErrorWords</name>
    <message>
        <location filename="../ui/sync_error_words.py" line="25"/>
        <source>The hub sent a reply Storeside cannot read</source>
        <translation>总部系统的回复无法识别</translation>
    </message>
    <message>
        <location filename="../ui/sync_error_words.py" line="29"/>
        <source>The hub did not answer in time</source>
        <translation>总部系统响应超时</translation>
    </message>
    <message>
        <location filename="../ui/sync_error_words.py" line="32"/>
        <source>The hub is busy and asked the device to wait</source>
        <translation>总部系统繁忙，请设备稍后再试</translation>
    </message>
    <message>
        <location filename="../ui/sync_error_words.py" line="36"/>
        <source>The hub is failing (HTTP {status})</source>
        <translation>总部系统出错（HTTP {status}）</translation>
    </message>
    <message>
        <location filename="../ui/sync_error_words.py" line="39"/>
        <source>The hub cannot be reached: check the network or the hub</source>
        <translation>连不上总部系统：请检查网络或总部系统</translation>
    </message>
</context>
<context>
    <name>SyncHealthView</name>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="75"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="76"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="77"/>
        <source>Oldest waiting</source>
        <translation>最久待发送</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="78"/>
        <source>Last pull</source>
        <translation>最近拉取</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="79"/>
        <source>Last push</source>
        <translation>最近推送</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="80"/>
        <source>Refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="81"/>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="82"/>
        <source>Reported</source>
        <translation>最近上报</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="90"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="91"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="92"/>
        <source>Why it could not be read</source>
        <translation>无法读取的原因</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="93"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="102"/>
        <source>Choose a record to see what the hub sent.</source>
        <translation>选择一条记录，查看总部系统发来的内容。</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="103"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="104"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="124"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="127"/>
        <source>Records this device could not read</source>
        <translation>本设备无法读取的记录</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="137"/>
        <source>Actions the hub refused</source>
        <translation>被总部系统拒绝的操作</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="158"/>
        <source>No refused actions.</source>
        <translation>没有被拒的操作。</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="184"/>
        <source> (this device)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="186"/>
        <source>{age} ago</source>
        <translation>{age}前</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="188"/>
        <source> — may be offline</source>
        <translation>，可能已离线</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="247"/>
        <source>Read and applied.</source>
        <translation>已读取并应用。</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="251"/>
        <source>Still unreadable: {reason}</source>
        <translation>仍无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="269"/>
        <source>Dismissed.</source>
        <translation>已忽略。</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="294"/>
        <source>Replies from the hub this device could not read: {count} (last {time})</source>
        <translation>本机无法读取的总部回复：{count} 条（最近一次 {time}）</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="303"/>
        <source>Replies from the hub this device could not read: none</source>
        <translation>本机无法读取的总部回复：无</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="309"/>
        <source>Sync steps that failed unexpectedly: {count} (last {time})</source>
        <translation>同步步骤意外失败：{count} 次（最近一次 {time}）</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="318"/>
        <source>Channel messages the hub could not use as an order: none</source>
        <translation>总部无法识别为订单的渠道消息：无</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="323"/>
        <source>Channel messages the hub could not use as an order: {count} (last {time})</source>
        <translation>总部无法识别为订单的渠道消息：{count} 条（最近一次 {time}）</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="328"/>
        <source> — {channel}: {reason}</source>
        <translation> — {channel}：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="365"/>
        <source>Why: {reason}

What the hub sent:
{raw}</source>
        <translation>原因：{reason}

总部发来的内容：
{raw}</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="391"/>
        <source>Only a manager may retry or dismiss a record.</source>
        <translation>只有店长可以重试或忽略记录。</translation>
    </message>
    <message>
        <location filename="../ui/manager/sync_health_view.py" line="394"/>
        <source>This record is no longer set aside.</source>
        <translation>这条记录已不在隔离区。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../ui/sync_status_bar.py" line="30"/>
        <source>Starting sync…</source>
        <translation>正在启动同步…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="34"/>
        <source>Device must be enrolled again</source>
        <translation>设备需要重新绑定</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="36"/>
        <source>Sync stalled: {reason}</source>
        <translation>同步卡住：{reason}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="40"/>
        <source>The hub sent a reply Storeside cannot read</source>
        <translation>总部系统的回复无法识别</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="46"/>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="48"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="54"/>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="85"/>
        <source>Disk full: sync paused, new actions cannot be saved</source>
        <translation>磁盘已满：同步已暂停，新操作无法保存</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="88"/>
        <source>Local database error: {error}</source>
        <translation>本地数据库出错：{error}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="95"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="96"/>
        <source>Offline since {time}</source>
        <translation>离线（自 {time} 起）</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="122"/>
        <location filename="../ui/sync_status_bar.py" line="151"/>
        <source> (oldest {age})</source>
        <translation>（最早一条已等 {age}）</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="133"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="137"/>
        <source>Waiting to send: {count}</source>
        <translation>待发送：{count}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="140"/>
        <source>Last received from the hub: {pull} · last sent: {push}</source>
        <translation>上次从总部系统接收：{pull} · 上次发送：{push}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="143"/>
        <source>Refused by the hub: {rejected} · set aside: {aside}</source>
        <translation>被总部系统拒绝：{rejected} · 已隔离：{aside}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="146"/>
        <source>Repaired by the consistency check: {count} (last check {time})</source>
        <translation>一致性检查已修复：{count}（上次检查 {time}）</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="156"/>
        <source>Records that could not be read: {count}</source>
        <translation>无法读取的记录：{count}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="200"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="203"/>
        <source>Switch user</source>
        <translation>换人</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="224"/>
        <source>Last error: {error}</source>
        <translation>上次错误：{error}</translation>
    </message>
    <message>
        <location filename="../ui/sync_status_bar.py" line="239"/>
        <source>Signed in: {name} ({roles})</source>
        <translation>已登录：{name}（{roles}）</translation>
    </message>
</context>
<context>
    <name>SyncStatusCounts</name>
    <message numerus="yes">
        <location filename="../ui/sync_status_bar.py" line="106"/>
        <source>%n record(s) could not be read</source>
        <translation>
            <numerusform>%n 条记录无法读取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_status_bar.py" line="109"/>
        <source>%n action(s) waiting</source>
        <translation>
            <numerusform>%n 条操作待发送</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskBanner</name>
    <message>
        <location filename="../ui/handheld/handheld_screen.py" line="50"/>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>TaskCard</name>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="55"/>
        <source>{kind} · {status}</source>
        <translation>{kind} · {status}</translation>
    </message>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="59"/>
        <source>{state} · paused</source>
        <translation>{state} · 已暂停</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/handheld/task_list_page.py" line="66"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 项商品</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="76"/>
        <source>Task {serial}</source>
        <translation>任务 {serial}</translation>
    </message>
</context>
<context>
    <name>TaskHeader</name>
    <message>
        <location filename="../ui/handheld/task_header.py" line="23"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../ui/handheld/task_header.py" line="46"/>
        <source>{settled} of {total} lines done</source>
        <translation>已完成 {settled}/{total} 项</translation>
    </message>
</context>
<context>
    <name>TaskListPage</name>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="93"/>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="97"/>
        <source>No tasks for you yet. New ones appear here by themselves.</source>
        <translation>暂无任务，新任务会自动显示在这里。</translation>
    </message>
    <message>
        <location filename="../ui/handheld/task_list_page.py" line="111"/>
        <source>Clock out</source>
        <translation>下班打卡</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="164"/>
        <source>Pickers on duty</source>
        <translation>在岗拣货员</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="167"/>
        <source>Open tasks (drag onto a picker)</source>
        <translation>未完成的任务（拖到拣货员上即可改派）</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="172"/>
        <location filename="../ui/manager/tasks_view.py" line="182"/>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="173"/>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="174"/>
        <location filename="../ui/manager/tasks_view.py" line="183"/>
        <source>Lines left</source>
        <translation>待拣行数</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="175"/>
        <source>Oldest task</source>
        <translation>最久任务</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="180"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="181"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="184"/>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="185"/>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/manager/tasks_view.py" line="215"/>
        <source>%n task(s) waiting for a picker</source>
        <translation>
            <numerusform>%n 个任务待派单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="226"/>
        <source>Reassign to</source>
        <translation>改派给</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="241"/>
        <source>Clock {name} out</source>
        <translation>为 {name} 下班打卡</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="254"/>
        <source>{task} given to {name}; waiting for the hub.</source>
        <translation>{task} 已改派给 {name}，等待总部系统确认。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="264"/>
        <source>{name} clocked out; their tasks go back to the queue.</source>
        <translation>{name} 已下班打卡，名下任务退回待派单。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="269"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="300"/>
        <source> (off duty)</source>
        <translation>（已下班）</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="302"/>
        <source> ⏳ waiting for the hub</source>
        <translation> ⏳ 等待总部系统确认</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="322"/>
        <source>Queued</source>
        <translation>待派单</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="379"/>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="379"/>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="381"/>
        <source>{kind}, started</source>
        <translation>{kind}，进行中</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="387"/>
        <source>Only a manager may reassign tasks or clock someone out.</source>
        <translation>只有店长可以改派任务或为员工下班打卡。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="388"/>
        <source>This task is no longer on this device.</source>
        <translation>本设备上已没有这个任务。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="389"/>
        <source>This task is already done or cancelled.</source>
        <translation>这个任务已完成或已取消。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="390"/>
        <source>This person is not an active picker.</source>
        <translation>此人不是在职的拣货员。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="391"/>
        <source>This picker is not on duty.</source>
        <translation>该拣货员不在岗。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="392"/>
        <source>The task is already theirs.</source>
        <translation>这个任务已经是该拣货员的了。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="393"/>
        <source>The device&apos;s storage is full; nothing was changed.</source>
        <translation>设备存储空间已满，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="394"/>
        <source>This is not possible now.</source>
        <translation>现在无法进行此操作。</translation>
    </message>
    <message>
        <location filename="../ui/manager/tasks_view.py" line="327"/>
        <source> ⏳</source>
        <translation> ⏳</translation>
    </message>
</context>
<context>
    <name>Tickets</name>
    <message>
        <location filename="../app/printing/ticket_words.py" line="49"/>
        <source>Kitchen ticket #{serial} rev {revision}</source>
        <translation>厨房单 #{serial} 第{revision}版</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="50"/>
        <source>Pickup {code}</source>
        <translation>取餐码 {code}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="51"/>
        <source>Order no. {number}</source>
        <translation>单号 {number}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="52"/>
        <source>Customer {name}</source>
        <translation>顾客 {name}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="53"/>
        <source>CHANGED rev {revision}, replaces rev {previous}</source>
        <translation>改单 第{revision}版，替换第{previous}版</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="54"/>
        <source>Voids: {what}</source>
        <translation>作废：{what}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="55"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="56"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="57"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="58"/>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="59"/>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="60"/>
        <source>Bag {number} of {count}</source>
        <translation>第{number}/{count}袋</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="61"/>
        <source>REPRINT</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="62"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="63"/>
        <source>RESENT: an earlier attempt may have printed part of this ticket</source>
        <translation>补发：上次可能已打印部分内容</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="66"/>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="70"/>
        <source>Meituan</source>
        <translation>美团</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="71"/>
        <source>Eleme</source>
        <translation>饿了么</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="72"/>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="75"/>
        <source>Kitchen</source>
        <translation>厨房单</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="76"/>
        <source>Receipt</source>
        <translation>顾客小票</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="77"/>
        <source>VOID</source>
        <translation>作废单</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="78"/>
        <source>Bag label</source>
        <translation>袋贴</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="81"/>
        <source>Delivery</source>
        <translation>外卖配送</translation>
    </message>
    <message>
        <location filename="../app/printing/ticket_words.py" line="82"/>
        <source>Pickup</source>
        <translation>到店自取</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <location filename="../ui/tray_menu.py" line="35"/>
        <source>Show Storeside</source>
        <translation>显示 Storeside</translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="37"/>
        <source>Mute the alarm for 1 minute</source>
        <translation>提醒静音 1 分钟</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/tray_menu.py" line="57"/>
        <source>Quit (%n action(s) not sent to the hub yet)</source>
        <translation>
            <numerusform>退出（还有 %n 个操作未发送到总部）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="60"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="84"/>
        <source>Not muted</source>
        <translation>未能静音</translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="95"/>
        <source>Quit Storeside?</source>
        <translation>退出 Storeside？</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/tray_menu.py" line="97"/>
        <source>%n action(s) have not reached the hub yet. They are kept on this device and sent when Storeside runs again with the network up.</source>
        <translation>
            <numerusform>还有 %n 个操作未送达总部。它们保存在本机，下次 Storeside 联网运行时会自动发送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="105"/>
        <source>Quit anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <location filename="../ui/tray_menu.py" line="106"/>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
</context>
<context>
    <name>ValueFormats</name>
    <message>
        <location filename="../ui/value_formats.py" line="39"/>
        <source>¥{amount}</source>
        <translation>¥{amount}</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="62"/>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="69"/>
        <source>&lt;1 min</source>
        <translation>&lt;1分钟</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="71"/>
        <source>{minutes} min</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="73"/>
        <source>{hours} h {minutes:02d}</source>
        <translation>{hours}小时{minutes:02d}分</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="87"/>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="96"/>
        <source>{kg} kg</source>
        <translation>{kg}公斤</translation>
    </message>
    <message>
        <location filename="../ui/value_formats.py" line="99"/>
        <source>{grams} g</source>
        <translation>{grams}克</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../app/demo_handheld.py" line="92"/>
        <source>Handheld {number} — {store}</source>
        <translation>手持终端{number} — {store}</translation>
    </message>
</context>
</TS>
